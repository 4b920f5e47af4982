import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import { addMember, makeOrg, outboxRows, rejection } from '../helpers/organizations';
import { localizeError } from '../../src/lib/server/trpc/error-format';
import { MAX_LISTINGS } from '../../src/lib/server/organizations/listings.service';

let app: TestApp;
let owner: TestUser;
let orgId: string;
beforeAll(async () => {
	app = await createTestApp();
	owner = await app.user();
	orgId = (await makeOrg(app, owner)).id;
});
afterAll(() => app?.close());

const offer = (overrides: Record<string, unknown> = {}) => ({
	organizationId: orgId,
	kind: 'offer' as const,
	category: 'couscous',
	title: { ar: 'كسكس يدوي', fr: 'Couscous roulé main', en: null },
	text: { ar: 'من القمح الصلب المحلي', fr: null, en: null },
	...overrides
});

const xminOf = async (table: 'organizations' | 'listings', id: string) =>
	(
		await app.db.query<{ xid: string }>(`SELECT xmin::text AS xid FROM ${table} WHERE id = $1`, [
			id
		])
	).rows[0]?.xid;

describe('offers and needs', () => {
	it('adds an offer whose stage defaults to the category’s, with its outbox row in the same transaction', async () => {
		const caller = await app.caller(owner);
		const listing = await caller.organizations.listings.create(offer());
		expect(listing).toMatchObject({ kind: 'offer', category: 'couscous', stage: 'processing' });
		const outbox = await outboxRows(app, orgId);
		expect(outbox.at(-1)!.xid).toBe(await xminOf('listings', listing.id));
		expect(outbox.at(-1)!.xid).toBe(await xminOf('organizations', orgId));

		const need = await caller.organizations.listings.create(
			offer({
				kind: 'need',
				category: 'packaging',
				stage: 'transport_logistics',
				title: { fr: 'Sachets kraft' }
			})
		);
		expect(need).toMatchObject({ kind: 'need', stage: 'transport_logistics' });
		const profile = await (
			await app.caller(null)
		).organizations.bySlug({
			slug: (await app.db.query('SELECT slug FROM organizations WHERE id = $1', [orgId])).rows[0]
				.slug as string
		});
		expect(profile.listings.map((l) => l.kind).sort()).toEqual(['need', 'offer']);
	});

	it('edits and deletes, each with an outbox row in its transaction', async () => {
		const caller = await app.caller(owner);
		const { id } = await caller.organizations.listings.create(offer());
		const n = (await outboxRows(app, orgId)).length;
		await caller.organizations.listings.update({
			...offer({ title: { fr: 'Couscous d’orge' }, category: 'barley' }),
			id
		});
		const { rows } = await app.db.query(
			'SELECT title_fr, title_ar, stage_code FROM listings WHERE id = $1',
			[id]
		);
		expect(rows[0]).toEqual({
			title_fr: 'Couscous d’orge',
			title_ar: null,
			stage_code: 'production'
		});
		let outbox = await outboxRows(app, orgId);
		expect(outbox.length).toBe(n + 1);
		expect(outbox.at(-1)!.xid).toBe(await xminOf('listings', id));

		await caller.organizations.listings.delete({ organizationId: orgId, id });
		expect((await app.db.query('SELECT 1 FROM listings WHERE id = $1', [id])).rowCount).toBe(0);
		outbox = await outboxRows(app, orgId);
		expect(outbox.length).toBe(n + 2);
		// The listing is gone; the organization's activity bump shares the outbox row's transaction.
		expect(outbox.at(-1)!.xid).toBe(await xminOf('organizations', orgId));
	});

	it('validates by field: a title in one language, a category of the taxonomy', async () => {
		const err = await rejection(
			(await app.caller(owner, 'ar')).organizations.listings.create(
				offer({ title: { ar: '', fr: ' ' }, category: 'caviar', stage: 'moon' })
			)
		);
		expect(Object.keys(localizeError(err, 'ar').fieldErrors!).sort()).toEqual([
			'category',
			'stage',
			'title'
		]);
		expect(localizeError(err, 'ar').fieldErrors!.title).toEqual([
			'أدخلوا العنوان بلغة واحدة على الأقل.'
		]);
	});

	it('members read, only owners and admins write, outsiders see nothing', async () => {
		const [admin, member, outsider] = await Promise.all([app.user(), app.user(), app.user()]);
		await addMember(app, orgId, admin, 'admin');
		await addMember(app, orgId, member, 'member');
		const mine = await (await app.caller(admin)).organizations.listings.create(offer());
		expect(
			(await (await app.caller(member)).organizations.listings.list({ organizationId: orgId }))
				.length
		).toBeGreaterThan(0);
		const m = await app.caller(member);
		expect((await rejection(m.organizations.listings.create(offer()))).code).toBe('FORBIDDEN');
		expect(
			(await rejection(m.organizations.listings.delete({ organizationId: orgId, id: mine.id })))
				.code
		).toBe('FORBIDDEN');
		const o = await app.caller(outsider);
		expect((await rejection(o.organizations.listings.list({ organizationId: orgId }))).code).toBe(
			'NOT_FOUND'
		);
		expect(
			(await rejection(o.organizations.listings.update({ ...offer(), id: mine.id }))).code
		).toBe('NOT_FOUND');
		expect((await app.db.query('SELECT 1 FROM listings WHERE id = $1', [mine.id])).rowCount).toBe(
			1
		);
	});

	it('an owner of another organization cannot touch this one’s listings through their own', async () => {
		const other = await app.user();
		const otherOrg = await makeOrg(app, other);
		const victim = await (await app.caller(owner)).organizations.listings.create(offer());
		const c = await app.caller(other);
		const err = await rejection(
			c.organizations.listings.delete({ organizationId: otherOrg.id, id: victim.id })
		);
		expect(err.code).toBe('NOT_FOUND');
		expect((await app.db.query('SELECT 1 FROM listings WHERE id = $1', [victim.id])).rowCount).toBe(
			1
		);
	});

	it(`stops at ${MAX_LISTINGS} offers and needs`, async () => {
		const someone = await app.user();
		const { id } = await makeOrg(app, someone);
		await app.db.query(
			`INSERT INTO listings (organization_id, kind, category_code, stage_code, title_fr)
			 SELECT $1, 'offer', 'honey', 'production', 'Miel ' || g FROM generate_series(1, $2) g`,
			[id, MAX_LISTINGS]
		);
		const err = await rejection(
			(await app.caller(someone)).organizations.listings.create(offer({ organizationId: id }))
		);
		expect(err.code).toBe('CONFLICT');
	});
});
