import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import {
	createOrganization,
	deleteOrganization,
	indexedDocuments,
	searchableIds,
	syncSearch,
	updateOrganization
} from '../helpers/search-fixtures';
import { seedGeneratedOrganizations } from '../../src/lib/server/seed/seed-organizations';
import { silentProgress } from '../../src/lib/server/progress';
import type { SearchOrganizationsInput } from '../../src/lib/server/search/search.schema';

/**
 * Item 8 (never shows what it must not) and the facet counts: what Meilisearch counts equals what
 * SQL counts on the source tables, with and without filters.
 */
let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
	// 400 generated organizations: drafts, hidden and suspended ones among them.
	await seedGeneratedOrganizations(app.deps, {
		count: 400,
		progress: silentProgress,
		namespace: 'visibility-test'
	});
	await syncSearch(app);
});
afterAll(() => app?.close());

const search = async (q: string, filters: SearchOrganizationsInput['filters'] = {}) =>
	(await app.caller()).search.organizations({ q, filters });

/** Facet counts computed from the source tables, not from anything search wrote. */
async function sqlCounts(where = 'true', params: unknown[] = []) {
	const visible = `SELECT * FROM organizations o WHERE o.status = 'published'
		AND (o.suspended_until IS NULL OR o.suspended_until <= now()) AND ${where}`;
	const counts = async (sql: string) => {
		const { rows } = await app.db.query<{ v: string; n: number }>(
			`WITH v AS (${visible}) ${sql}`,
			params
		);
		return Object.fromEntries(rows.map((r) => [r.v, r.n]));
	};
	const listing = (kind: string, col: string) =>
		counts(`SELECT l.${col} AS v, count(DISTINCT v.id)::int AS n FROM v JOIN listings l
			ON l.organization_id = v.id ${kind ? `WHERE l.kind = '${kind}'` : ''} GROUP BY 1`);
	return {
		kind: await counts('SELECT kind AS v, count(*)::int AS n FROM v GROUP BY 1'),
		sector: await counts(`SELECT s.sector_code AS v, count(*)::int AS n FROM v
			JOIN organization_sectors s ON s.organization_id = v.id GROUP BY 1`),
		province: await counts(
			'SELECT province AS v, count(*)::int AS n FROM v WHERE province IS NOT NULL GROUP BY 1'
		),
		country: await counts('SELECT country AS v, count(*)::int AS n FROM v GROUP BY 1'),
		verified: await counts(
			'SELECT (verified_at IS NOT NULL)::text AS v, count(*)::int AS n FROM v GROUP BY 1'
		),
		offer: await listing('offer', 'category_code'),
		need: await listing('need', 'category_code'),
		stage: await listing('', 'stage_code'),
		womenLed: await counts(`SELECT (coalesce(members_total, 0) > 0
			AND coalesce(members_women, 0) * 2 > members_total)::text AS v, count(*)::int AS n FROM v GROUP BY 1`)
	};
}

describe('facet counts equal SQL counts', () => {
	it('without filters, and the seed has drafts, hidden and suspended organizations', async () => {
		const { rows } = await app.db.query<{ status: string; n: number }>(
			`SELECT CASE WHEN suspended_until > now() THEN 'suspended' ELSE status END AS status,
			   count(*)::int AS n FROM organizations GROUP BY 1`
		);
		const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
		expect(by.draft).toBeGreaterThan(0);
		expect(by.hidden).toBeGreaterThan(0);
		expect(by.suspended).toBeGreaterThan(0);

		const res = await search('');
		const expected = await sqlCounts();
		expect(res.facets).toEqual(expected);
		expect(res.total).toBe((await searchableIds(app)).length);
	});

	it('with filters: each facet counts without its own selection, the others with all', async () => {
		const res = await search('', { province: ['berkane', 'nador'], verified: true });
		expect(res.hits.every((h) => ['berkane', 'nador'].includes(h.province!) && h.verified)).toBe(
			true
		);
		const both = "o.province IN ('berkane', 'nador') AND o.verified_at IS NOT NULL";
		const expected = await sqlCounts(both);
		const withoutProvince = await sqlCounts('o.verified_at IS NOT NULL');
		const withoutVerified = await sqlCounts("o.province IN ('berkane', 'nador')");
		expect(res.total).toBe(Object.values(expected.kind).reduce((a, b) => a + b, 0));
		expect(res.facets.province).toEqual(withoutProvince.province);
		expect(res.facets.verified).toEqual(withoutVerified.verified);
		for (const key of ['kind', 'sector', 'offer', 'need', 'stage', 'womenLed'] as const)
			expect(res.facets[key], key).toEqual(expected[key]);
	});

	it('with array facets (offers, needs, stage) and women-led', async () => {
		const res = await search('', { need: ['packaging', 'transport'], womenLed: true });
		const expected = await sqlCounts(
			`EXISTS (SELECT 1 FROM listings l WHERE l.organization_id = o.id AND l.kind = 'need'
			   AND l.category_code IN ('packaging', 'transport'))
			 AND o.members_total > 0 AND o.members_women * 2 > o.members_total`
		);
		expect(res.total).toBe(Object.values(expected.kind).reduce((a, b) => a + b, 0));
		expect(res.total).toBeGreaterThan(0);
		expect(res.facets.offer).toEqual(expected.offer);
		expect(res.facets.province).toEqual(expected.province);
	});
});

describe('never shows what it must not', () => {
	const WORD = 'Zaafrane';
	let ids: Record<string, string>;

	beforeAll(async () => {
		const make = async (fields: Parameters<typeof createOrganization>[1]) =>
			(await createOrganization(app, { name_fr: `Coopérative ${WORD}`, ...fields })).id;
		ids = {
			published: await make({ province: 'figuig', town: 'figuig' }),
			draft: await make({ status: 'draft', province: 'jerada', town: 'jerada' }),
			hidden: await make({ status: 'hidden', province: 'jerada', town: 'jerada' }),
			suspended: await make({ suspended_days: 10, province: 'jerada', town: 'jerada' }),
			deleted: await make({ province: 'jerada', town: 'jerada' })
		};
		await syncSearch(app);
		expect((await search(WORD)).total).toBe(2);
		await deleteOrganization(app, ids.deleted);
		await syncSearch(app);
	});

	it('drafts, hidden, suspended and deleted organizations are neither hits nor counted', async () => {
		const res = await search(WORD);
		expect(res.hits.map((h) => h.id)).toEqual([ids.published]);
		expect(res.total).toBe(1);
		expect(res.facets.province).toEqual({ figuig: 1 });
		const docs = await indexedDocuments(app);
		for (const key of ['draft', 'hidden', 'suspended', 'deleted'])
			expect(docs.has(ids[key])).toBe(false);
		expect([...docs.keys()].sort()).toEqual(await searchableIds(app));
	});

	it('hiding or suspending removes an organization; publishing adds it', async () => {
		await updateOrganization(app, ids.published, `status = 'hidden'`);
		await updateOrganization(app, ids.draft, `status = 'published'`);
		await syncSearch(app);
		expect((await search(WORD)).hits.map((h) => h.id)).toEqual([ids.draft]);

		await updateOrganization(app, ids.draft, `suspended_until = now() + interval '1 day'`);
		await syncSearch(app);
		const res = await search(WORD);
		expect(res.total).toBe(0);
		expect(res.facets.province).toEqual({});
	});

	it('a suspension that ends brings the organization back by itself', async () => {
		// Long enough for two syncs and a search on a busy CI machine (1 s was not, once).
		await updateOrganization(app, ids.suspended, `suspended_until = now() + interval '5 seconds'`);
		await syncSearch(app);
		await updateOrganization(app, ids.suspended, `suspended_reason = 'spam'`);
		await syncSearch(app);
		expect((await search(WORD)).hits.map((h) => h.id)).not.toContain(ids.suspended);
		const scheduled = await app.db.query(
			`SELECT 1 FROM search_outbox b JOIN organizations o ON o.id = b.entity_id
			 WHERE b.entity_id = $1 AND b.processed_at IS NULL AND b.next_attempt_at = o.suspended_until`,
			[ids.suspended]
		);
		expect(scheduled.rowCount).toBe(1); // once, however many times it was synced
		// The sync scheduled an outbox row for the end of the suspension: wait until it ends.
		const { rows } = await app.db.query<{ ms: number }>(
			`SELECT greatest(0, extract(epoch FROM suspended_until - now()) * 1000)::float8 AS ms
			 FROM organizations WHERE id = $1`,
			[ids.suspended]
		);
		await new Promise((r) => setTimeout(r, rows[0].ms + 300));
		await syncSearch(app);
		expect((await search(WORD)).hits.map((h) => h.id)).toContain(ids.suspended);
	});
});
