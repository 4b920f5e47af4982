import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { insertOrg } from '../helpers/orgs';
import { drainOutbox } from '../../src/lib/server/search/outbox-worker';
import { clustersIndexUid, reindexClusters } from '../../src/lib/server/search/clusters-sync';
import { createMeiliClient } from '../../src/lib/server/search/meili-client';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

async function cluster(
	nameFr: string,
	nameAr: string,
	opts: { activate: boolean; chain?: string; sector?: string; provinces?: string[] }
) {
	const owners = await Promise.all([0, 1, 2].map(() => app.user()));
	const orgs = await Promise.all(
		owners.map((o, i) => insertOrg(app, o, { name: `${nameFr} membre ${i}` }))
	);
	const as = (i: number) => app.caller(owners[i]);
	const c = await (
		await as(0)
	).clusters.propose({
		organizationId: orgs[0].id,
		nameFr,
		nameAr,
		sectorCode: (opts.sector ?? 'agrifood') as 'agrifood',
		chainCode: opts.chain as 'olive_oil' | undefined,
		provinces: (opts.provinces ?? []) as 'berkane'[]
	});
	if (opts.activate) {
		for (const i of [1, 2]) {
			await (
				await as(0)
			).clusters.invite({ clusterId: c.id, organizationId: orgs[0].id, targetOrgId: orgs[i].id });
			await (
				await as(i)
			).clusters.respondToInvitation({ clusterId: c.id, organizationId: orgs[i].id, accept: true });
		}
		await (await as(0)).clusters.submit({ clusterId: c.id, organizationId: orgs[0].id });
		await (
			await app.caller(await app.user({ role: 'staff' }))
		).clusters.approve({ clusterId: c.id });
	}
	return c;
}

const search = async (q: string) => (await app.caller(null)).clusters.search({ q, page: 1 });

describe('clusters are searchable, kept true to the database', () => {
	it('an active cluster is found by name in Arabic and French and by a member name; a forming one is not', async () => {
		const active = await cluster('Huile d’olive de Berkane', 'زيت الزيتون ببركان', {
			activate: true,
			chain: 'olive_oil'
		});
		const forming = await cluster('Miel de Jerada', 'عسل جرادة', { activate: false });
		await drainOutbox(app.deps);
		expect((await search('huile olive')).hits.map((h) => h.id)).toEqual([active.id]);
		expect((await search('الزيتون')).hits.map((h) => h.id)).toContain(active.id);
		expect((await search('membre 2')).hits.map((h) => h.id)).toContain(active.id);
		expect((await search('Jerada')).hits.map((h) => h.id)).not.toContain(forming.id);
		expect((await search('huile')).degraded).toBe(false);
	});

	it('an archived cluster leaves the index; a reindex rebuilds it from the database', async () => {
		const c = await cluster('Dattes de Figuig', 'تمور فجيج', { activate: true });
		await drainOutbox(app.deps);
		expect((await search('Figuig')).hits.map((h) => h.id)).toContain(c.id);
		await (
			await app.caller(await app.user({ role: 'staff' }))
		).clusters.archiveAsStaff({ clusterId: c.id, reason: 'Fin du projet' });
		await drainOutbox(app.deps);
		expect((await search('Figuig')).hits.map((h) => h.id)).not.toContain(c.id);
		const documents = await reindexClusters(app.deps);
		const { rows } = await app.db.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM clusters WHERE status = 'active'`
		);
		expect(documents).toBe(rows[0].n);
		const stats = await app.meili.index(clustersIndexUid(app.deps)).getStats();
		expect(stats.numberOfDocuments).toBe(rows[0].n);
	});

	it('answers from PostgreSQL, degraded, when Meilisearch does not', async () => {
		await cluster('Laine des hauts plateaux', 'صوف النجود العليا', { activate: true });
		const down = { ...app.deps, meili: createMeiliClient('http://127.0.0.1:1', 'x'.repeat(16)) };
		const { searchClusters } = await import('../../src/lib/server/search/cluster-search');
		const res = await searchClusters(down, 'laine', 1);
		expect(res.degraded).toBe(true);
		expect(res.hits.map((h) => h.name_fr)).toContain('Laine des hauts plateaux');
	});
});

describe('clusters in suggestions', () => {
	it('an organization on the same chain and in the same province is offered the cluster, with reasons', async () => {
		const c = await cluster('Pressage collectif', 'العصر الجماعي', {
			activate: true,
			chain: 'olive_oil',
			provinces: ['berkane']
		});
		const owner = await app.user();
		const org = await insertOrg(app, owner, { province: 'berkane' });
		await app.db.query(
			`INSERT INTO listings (organization_id, kind, category_code, stage_code, title_fr) VALUES ($1, 'offer', 'olives', 'production', 'Olives')`,
			[org.id]
		);
		const fits = await (
			await app.caller(owner)
		).clusters.suggestionsFor({ organizationId: org.id });
		expect(fits.find((f) => f.id === c.id)?.reasons).toEqual(['same_chain', 'same_province']);
		// Outsiders of the organization cannot ask for its suggestions.
		await expect(
			(await app.caller(await app.user())).clusters.suggestionsFor({ organizationId: org.id })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		// Once it asked to join, the cluster is no longer suggested.
		await (
			await app.caller(owner)
		).clusters.requestToJoin({ clusterId: c.id, organizationId: org.id });
		expect(
			(await (await app.caller(owner)).clusters.suggestionsFor({ organizationId: org.id })).map(
				(f) => f.id
			)
		).not.toContain(c.id);
	});
});
