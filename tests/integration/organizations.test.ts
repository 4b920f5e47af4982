import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import {
	addMember,
	coopInput,
	makeOrg,
	outboxRows,
	partnerInput,
	rejection
} from '../helpers/organizations';
import { localizeError } from '../../src/lib/server/trpc/error-format';

let app: TestApp;
let owner: TestUser;
beforeAll(async () => {
	app = await createTestApp();
	owner = await app.user({ displayName: 'فاطمة' });
});
afterAll(() => app?.close());

const orgRow = async (id: string) =>
	(
		await app.db.query<Record<string, unknown>>(
			'SELECT *, xmin::text AS xid FROM organizations WHERE id = $1',
			[id]
		)
	).rows[0];

describe('creating an organization', () => {
	it('makes the creator its owner, as a draft at the town, with an outbox row in the same transaction', async () => {
		const caller = await app.caller(owner);
		const { id, slug } = await caller.organizations.create(coopInput());
		// An Arabic-only name still gives a readable slug.
		expect(slug).toBe('taounia-nsa-taourirt-llksks');
		const { rows: members } = await app.db.query(
			'SELECT user_id, role FROM organization_members WHERE organization_id = $1',
			[id]
		);
		expect(members).toEqual([{ user_id: owner.id, role: 'owner' }]);
		const row = await orgRow(id);
		expect(row).toMatchObject({
			status: 'draft',
			country: 'MA',
			province: 'taourirt',
			town: 'taourirt',
			lat: 34.4073,
			lng: -2.8973,
			members_total: 30,
			created_by: owner.id
		});
		const { rows: sectors } = await app.db.query(
			'SELECT sector_code FROM organization_sectors WHERE organization_id = $1 ORDER BY 1',
			[id]
		);
		expect(sectors.map((s) => s.sector_code)).toEqual(['agriculture', 'agrifood']);
		const outbox = await outboxRows(app, id);
		expect(outbox).toHaveLength(1);
		expect(outbox[0].xid).toBe(row.xid);
	});

	it('gives each organization its own slug, and keeps it when the name changes', async () => {
		const caller = await app.caller(owner);
		const name = { fr: 'Coopérative d’huile d’olive Al Baraka', ar: null, en: null };
		const a = await caller.organizations.create(coopInput({ name }));
		const b = await caller.organizations.create(coopInput({ name }));
		expect(a.slug).toBe('cooperative-dhuile-dolive-al-baraka');
		expect(b.slug).toBe('cooperative-dhuile-dolive-al-baraka-2');
		await caller.organizations.update({
			id: a.id,
			...coopInput({ name: { fr: 'Un tout autre nom', ar: null, en: null } })
		});
		expect((await orgRow(a.id)).slug).toBe(a.slug);
	});

	it('creates a partner with its country and region, and no province', async () => {
		const caller = await app.caller(owner);
		const { id } = await caller.organizations.create(
			partnerInput({ province: 'taourirt', town: 'taourirt' })
		);
		expect(await orgRow(id)).toMatchObject({
			kind: 'partner',
			partner_type: 'region',
			country: 'FR',
			region: 'Occitanie',
			province: null,
			town: null,
			lat: null
		});
	});

	it('refuses visitors', async () => {
		const err = await rejection((await app.caller(null)).organizations.create(coopInput()));
		expect(err.code).toBe('UNAUTHORIZED');
	});
});

describe('validation, by field, in the user language', () => {
	it('reports every wrong field at once', async () => {
		const err = await rejection(
			(await app.caller(owner, 'ar')).organizations.create(
				coopInput({
					name: { ar: ' ', fr: '', en: null },
					sectors: [],
					province: '',
					town: '',
					membersTotal: '10',
					membersWomen: '12',
					membersYouth: 11,
					foundedYear: 'abc',
					website: 'javascript:alert(1)',
					contactPhone: 'call me'
				})
			)
		);
		expect(err.code).toBe('BAD_REQUEST');
		const fields = localizeError(err, 'ar').fieldErrors!;
		expect(Object.keys(fields).sort()).toEqual(
			[
				'contactPhone',
				'foundedYear',
				'membersWomen',
				'membersYouth',
				'name',
				'province',
				'sectors',
				'website'
			].sort()
		);
		expect(fields.membersWomen).toEqual(['لا يمكن أن يتجاوز عدد النساء عدد الأعضاء.']);
		expect(localizeError(err, 'fr').fieldErrors!.name).toEqual([
			'Saisissez le nom dans au moins une langue.'
		]);
	});

	it('refuses women or youth above the total, also when only the numbers change', async () => {
		const { id } = await makeOrg(app, owner, { status: 'draft' });
		const caller = await app.caller(owner, 'fr');
		const women = await rejection(
			caller.organizations.update({
				id,
				...coopInput({ membersTotal: 5, membersWomen: 6, membersYouth: 1 })
			})
		);
		expect(localizeError(women, 'fr').fieldErrors).toEqual({
			membersWomen: ['Le nombre de femmes ne peut pas dépasser le nombre de membres.']
		});
		const youth = await rejection(
			caller.organizations.update({
				id,
				...coopInput({ membersTotal: 5, membersWomen: 2, membersYouth: 6 })
			})
		);
		expect(Object.keys(localizeError(youth, 'fr').fieldErrors!)).toEqual(['membersYouth']);
		expect((await orgRow(id)).members_total).toBe(30);
	});

	it('accepts form strings, Arabic digits, a town of another province refused', async () => {
		const caller = await app.caller(owner);
		const { id } = await caller.organizations.create(
			coopInput({ membersTotal: '٣٠', membersWomen: '25', foundedYear: '٢٠١٢', website: 'coop.ma' })
		);
		expect(await orgRow(id)).toMatchObject({
			members_total: 30,
			founded_year: 2012,
			website: 'https://coop.ma'
		});
		const err = await rejection(
			caller.organizations.create(coopInput({ province: 'figuig', town: 'taourirt' }))
		);
		expect(Object.keys(localizeError(err, 'en').fieldErrors!)).toEqual(['town']);
	});

	it('keeps the kind chosen at creation', async () => {
		const { id } = await makeOrg(app, owner, { status: 'draft' });
		const err = await rejection(
			(await app.caller(owner)).organizations.update({ id, ...partnerInput() })
		);
		expect(err.code).toBe('BAD_REQUEST');
		expect(localizeError(err, 'en').fieldErrors).toHaveProperty('kind');
	});
});

describe('who may edit', () => {
	it('owners and admins edit; members get FORBIDDEN, outsiders NOT_FOUND, and nothing is written', async () => {
		const { id } = await makeOrg(app, owner, { status: 'draft' });
		const [admin, member, outsider] = await Promise.all([app.user(), app.user(), app.user()]);
		await addMember(app, id, admin, 'admin');
		await addMember(app, id, member, 'member');
		const before = (await outboxRows(app, id)).length;
		const edit = async (u: TestUser, name: string) =>
			(await app.caller(u)).organizations.update({
				id,
				...coopInput({ name: { fr: name, ar: null, en: null } })
			});

		await edit(admin, 'Edited by the admin');
		expect((await orgRow(id)).name_fr).toBe('Edited by the admin');
		expect((await rejection(edit(member, 'Member'))).code).toBe('FORBIDDEN');
		expect((await rejection(edit(outsider, 'Outsider'))).code).toBe('NOT_FOUND');
		for (const u of [member, outsider]) {
			const c = await app.caller(u);
			const status = await rejection(c.organizations.setStatus({ id, status: 'published' }));
			expect(status.code).toBe(u === member ? 'FORBIDDEN' : 'NOT_FOUND');
			const forEdit = await rejection(
				c.organizations.forEdit({ slug: (await orgRow(id)).slug as string })
			);
			expect(forEdit.code).toBe(u === member ? 'FORBIDDEN' : 'NOT_FOUND');
		}
		expect((await orgRow(id)).name_fr).toBe('Edited by the admin');
		expect((await orgRow(id)).status).toBe('draft');
		expect((await outboxRows(app, id)).length).toBe(before + 1);
	});
});

describe('visibility', () => {
	it('a draft exists only for its members and staff', async () => {
		const { id, slug } = await makeOrg(app, owner, { status: 'draft' });
		const [member, outsider, staff] = await Promise.all([
			app.user(),
			app.user(),
			app.user({ role: 'staff' })
		]);
		await addMember(app, id, member, 'member');
		for (const viewer of [null, outsider]) {
			const err = await rejection((await app.caller(viewer)).organizations.bySlug({ slug }));
			expect(err.code).toBe('NOT_FOUND');
		}
		for (const viewer of [owner, member, staff]) {
			const p = await (await app.caller(viewer)).organizations.bySlug({ slug });
			expect(p.status).toBe('draft');
		}
		const asStaff = await (await app.caller(staff)).organizations.bySlug({ slug });
		expect(asStaff.viewer).toEqual({ role: null, canManage: false, isStaff: true });
	});

	it('a published page shows contact details to signed-in people only', async () => {
		const { slug } = await makeOrg(app, owner);
		const visitor = await (await app.caller(null)).organizations.bySlug({ slug });
		expect(visitor.contact).toBeNull();
		expect(JSON.stringify(visitor)).not.toContain('coop.taourirt@example.ma');
		const signedIn = await (await app.caller(await app.user())).organizations.bySlug({ slug });
		expect(signedIn.contact).toEqual({
			email: 'coop.taourirt@example.ma',
			phone: '+212 6 12 34 56 78',
			website: null
		});
		expect(signedIn.members).toEqual({ total: 30, women: 28, youth: 9 });
	});

	it('hidden and suspended organizations disappear for outsiders; owners cannot unhide', async () => {
		const hidden = await makeOrg(app, owner);
		const suspended = await makeOrg(app, owner);
		await app.db.query(`UPDATE organizations SET status = 'hidden' WHERE id = $1`, [hidden.id]);
		await app.db.query(
			`UPDATE organizations SET suspended_until = now() + interval '1 day' WHERE id = $1`,
			[suspended.id]
		);
		const outsider = await app.user();
		for (const { slug } of [hidden, suspended]) {
			for (const viewer of [null, outsider]) {
				const err = await rejection((await app.caller(viewer)).organizations.bySlug({ slug }));
				expect(err.code).toBe('NOT_FOUND');
			}
			expect((await (await app.caller(owner)).organizations.bySlug({ slug })).slug).toBe(slug);
		}
		const err = await rejection(
			(await app.caller(owner)).organizations.setStatus({ id: hidden.id, status: 'published' })
		);
		expect(err.code).toBe('FORBIDDEN');
		expect((await orgRow(hidden.id)).status).toBe('hidden');
	});

	it('a verified organization says so', async () => {
		const { id, slug } = await makeOrg(app, owner);
		await app.db.query('UPDATE organizations SET verified_at = now() WHERE id = $1', [id]);
		const p = await (await app.caller(null)).organizations.bySlug({ slug });
		expect(p.verifiedAt).toBeInstanceOf(Date);
	});

	it('lists my organizations with my role and their status', async () => {
		const someone = await app.user();
		const { id } = await makeOrg(app, someone, { status: 'draft' });
		const other = await makeOrg(app, owner);
		await addMember(app, other.id, someone, 'member');
		const mine = await (await app.caller(someone)).organizations.mine();
		expect(mine.map((o) => [o.id, o.role, o.status]).sort()).toEqual(
			[
				[id, 'owner', 'draft'],
				[other.id, 'member', 'published']
			].sort()
		);
	});
});

describe('search outbox and activity', () => {
	it('each profile change writes its outbox row in its own transaction and bumps last_active_at', async () => {
		const { id } = await makeOrg(app, owner, { status: 'draft' });
		await app.db.query(
			`UPDATE organizations SET last_active_at = now() - interval '30 days' WHERE id = $1`,
			[id]
		);
		const caller = await app.caller(owner);
		const changes: [string, () => Promise<unknown>][] = [
			['update', () => caller.organizations.update({ id, ...coopInput({ sectors: ['argan'] }) })],
			['publish', () => caller.organizations.setStatus({ id, status: 'published' })],
			['unpublish', () => caller.organizations.setStatus({ id, status: 'draft' })]
		];
		for (const [what, change] of changes) {
			const before = await outboxRows(app, id);
			await change();
			const after = await outboxRows(app, id);
			expect(after.length, what).toBe(before.length + 1);
			const row = await orgRow(id);
			expect(after.at(-1)!.xid, what).toBe(row.xid);
			expect((row.last_active_at as Date).getTime(), what).toBeGreaterThan(Date.now() - 60_000);
		}
		// Publishing what is already published changes nothing and writes nothing.
		const before = (await outboxRows(app, id)).length;
		await caller.organizations.setStatus({ id, status: 'draft' });
		expect((await outboxRows(app, id)).length).toBe(before);
	});
});

describe('deleting an organization', () => {
	it('an organization that coordinates a cluster is not deleted: a clear conflict, not a server fault', async () => {
		const { id } = await makeOrg(app, owner);
		await (
			await app.caller(owner)
		).clusters.propose({
			organizationId: id,
			nameFr: 'Grappe du couscous de Taourirt',
			sectorCode: 'agriculture',
			provinces: []
		});
		// clusters.coordinator_org_id is ON DELETE RESTRICT (23001, not the usual 23503); the
		// owner is told how to unblock it.
		const refused = await rejection((await app.caller(owner)).organizations.delete({ id }));
		expect(refused.code).toBe('CONFLICT');
		expect(refused.message).toBe('org_error_delete_coordinates_cluster');
		expect(await orgRow(id)).toBeDefined();
	});

	it('owners only; everything goes with it, and the outbox tells search in the same transaction', async () => {
		const { id, slug } = await makeOrg(app, owner);
		const admin = await app.user();
		await addMember(app, id, admin, 'admin');
		await (
			await app.caller(owner)
		).organizations.listings.create({
			organizationId: id,
			kind: 'offer',
			category: 'couscous',
			title: { ar: 'كسكس' }
		});
		expect((await rejection((await app.caller(admin)).organizations.delete({ id }))).code).toBe(
			'FORBIDDEN'
		);
		expect(
			(await rejection((await app.caller(await app.user())).organizations.delete({ id }))).code
		).toBe('NOT_FOUND');

		const before = await outboxRows(app, id);
		await (await app.caller(owner)).organizations.delete({ id });
		expect(await orgRow(id)).toBeUndefined();
		for (const table of ['organization_members', 'listings', 'organization_sectors']) {
			const { rowCount } = await app.db.query(`SELECT 1 FROM ${table} WHERE organization_id = $1`, [
				id
			]);
			expect(rowCount, table).toBe(0);
		}
		const after = await outboxRows(app, id);
		expect(after.length).toBe(before.length + 1);
		expect((await rejection((await app.caller(owner)).organizations.bySlug({ slug }))).code).toBe(
			'NOT_FOUND'
		);
	});
});
