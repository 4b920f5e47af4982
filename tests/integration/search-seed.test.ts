import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { indexedDocuments, searchableIds } from '../helpers/search-fixtures';
import { seedDemo } from '../../src/lib/server/seed/seed';
import { silentProgress } from '../../src/lib/server/progress';

/** Item 11: the demo seed, its accounts' organizations, and what they can find. */
let app: TestApp;
const seed = () => seedDemo(app.deps, { orgs: 250, progress: silentProgress });
const count = async (table: string) =>
	(await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

beforeAll(async () => {
	app = await createTestApp();
	await seed();
});
afterAll(() => app?.close());

describe('the demo seed', () => {
	it('is idempotent and leaves the index equal to the database', async () => {
		const before = [await count('organizations'), await count('listings')];
		expect(before[0]).toBe(255);
		await seed();
		expect([await count('organizations'), await count('listings')]).toEqual(before);
		const docs = await indexedDocuments(app);
		expect([...docs.keys()].sort()).toEqual(await searchableIds(app));
		// The rebuild covered every outbox row the seed wrote.
		const pending = await app.db.query('SELECT 1 FROM search_outbox WHERE processed_at IS NULL');
		expect(pending.rowCount).toBe(0);
	});

	it('gives each demo account its organization, as owner', async () => {
		const { rows } = await app.db.query<{ email: string; slug: string; role: string }>(
			`SELECT u.email, o.slug, m.role FROM organization_members m
			 JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.organization_id
			 ORDER BY u.email`
		);
		expect(rows).toEqual([
			{ email: 'claire@occitanie.fr', slug: 'region-occitanie', role: 'owner' },
			{ email: 'fatima@tashbik.ma', slug: 'amal-couscous-taourirt', role: 'owner' },
			{ email: 'karim@tashbik.ma', slug: 'zitoune-bio-beni-snassen', role: 'owner' },
			{ email: 'youssef@tashbik.ma', slug: 'emballage-oriental-oujda', role: 'owner' }
		]);
	});
});

describe('the demo story, through search', () => {
	const slugs = (hits: { slug: string }[]) => hits.map((h) => h.slug);

	it('Fatima finds packaging in Oujda for her couscous (in Arabic and in French)', async () => {
		const ar = await (
			await app.caller(null, 'ar')
		).search.organizations({
			q: 'تلفيف',
			filters: { offer: ['packaging'] }
		});
		expect(slugs(ar.hits)).toContain('emballage-oriental-oujda');
		const fr = await (await app.caller(null, 'fr')).search.organizations({ q: 'emballage' });
		expect(slugs(fr.hits).slice(0, 5)).toContain('emballage-oriental-oujda');
	});

	it('and a buyer who needs couscous', async () => {
		const res = await (
			await app.caller(null, 'fr')
		).search.organizations({
			q: 'couscous',
			filters: { need: ['couscous'] }
		});
		expect(slugs(res.hits)).toContain('panier-d-oc-toulouse');
	});

	it("Claire's region finds certified olive oil in Berkane", async () => {
		const res = await (
			await app.caller(null, 'fr')
		).search.organizations({
			q: 'huile d’olive bio',
			filters: { province: ['berkane'], verified: true }
		});
		expect(slugs(res.hits)[0]).toBe('zitoune-bio-beni-snassen');
	});

	it("Fatima's cooperative is women-led, in Taourirt, found by its Arabic name", async () => {
		const res = await (
			await app.caller(null, 'ar')
		).search.organizations({
			q: 'الأمل للكسكس',
			filters: { province: ['taourirt'], womenLed: true }
		});
		expect(slugs(res.hits)[0]).toBe('amal-couscous-taourirt');
	});

	it('distance sort starts from the signed-in user’s organization', async () => {
		const fatima = await app.db.query<{ id: string; session: string }>(
			`SELECT id FROM users WHERE email = 'fatima@tashbik.ma'`
		);
		const session = await app.deps.lucia.createSession(fatima.rows[0].id, {
			created_at: new Date(),
			ip: null,
			user_agent: null
		});
		const caller = await app.caller({
			id: fatima.rows[0].id,
			email: 'fatima@tashbik.ma',
			sessionId: session.id,
			cookie: ''
		});
		const res = await caller.search.organizations({ q: '', sort: 'distance' });
		expect(res.origin).toEqual({ lat: 34.4073, lng: -2.8973, from: 'organization' });
		const distances = res.hits.map((h) => h.distanceKm!);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(distances[0]).toBeLessThan(10);
	});
});
