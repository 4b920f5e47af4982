import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createOrganization, syncSearch } from '../helpers/search-fixtures';
import { createMeiliClient } from '../../src/lib/server/search/meili-client';
import { findFreePort } from '../../src/lib/server/services/processes';
import { drainOutbox } from '../../src/lib/server/search/outbox-worker';
import { seedGeneratedOrganizations } from '../../src/lib/server/seed/seed-organizations';
import { silentProgress } from '../../src/lib/server/progress';
import { createBareContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/root';
import { checkHealth } from '../../src/lib/server/health';
import { plainText } from '../../src/lib/search/segments';
import type { SearchOrganizationsInput } from '../../src/lib/server/search/search.schema';
import type { AppDeps } from '../../src/lib/server/deps';

/**
 * Item 10: with Meilisearch unreachable, the same query answers from PostgreSQL, with the same
 * filters and facet counts, and says so; writes go on and nothing is lost.
 */
let app: TestApp;
let down: AppDeps;
let amalId: string;

beforeAll(async () => {
	app = await createTestApp();
	await seedGeneratedOrganizations(app.deps, {
		count: 300,
		progress: silentProgress,
		namespace: 'degraded-test'
	});
	amalId = (
		await createOrganization(app, {
			name_ar: 'التعاونية النسوية إيناس للكسكس',
			name_fr: 'Coopérative féminine Inass du couscous',
			province: 'taourirt',
			town: 'taourirt',
			listings: [{ kind: 'offer', category_code: 'couscous', title_fr: 'Couscous roulé à la main' }]
		})
	).id;
	await syncSearch(app);
	// Nothing listens on this port: every request to "Meilisearch" is refused.
	down = {
		...app.deps,
		meili: createMeiliClient(`http://127.0.0.1:${await findFreePort()}`, 'x'.repeat(16))
	};
});
afterAll(() => app?.close());

type Input = Partial<SearchOrganizationsInput>;
const upCaller = (locale: 'ar' | 'fr' = 'fr') =>
	createCaller(createBareContext(app.deps, { locale }));
const downCaller = (locale: 'ar' | 'fr' = 'fr') =>
	createCaller(createBareContext(down, { locale }));

describe('the same answers from PostgreSQL', () => {
	it.each<[string, Input]>([
		['no filter', {}],
		['kind and province', { filters: { kind: ['cooperative'], province: ['berkane', 'figuig'] } }],
		['offers and stage', { filters: { offer: ['olive_oil', 'honey'], stage: ['processing'] } }],
		[
			'needs, verified, women-led',
			{ filters: { need: ['packaging'], verified: true, womenLed: true } }
		],
		['partners by country', { filters: { kind: ['partner'], country: ['FR', 'SN'] } }],
		['page 2', { page: 2 }]
	])('%s: same total and facet counts', async (_label, input) => {
		const meili = await upCaller().search.organizations(input);
		const pg = await downCaller().search.organizations(input);
		expect(meili.degraded).toBe(false);
		expect(pg.degraded).toBe(true);
		expect(pg.total).toBe(meili.total);
		expect(pg.facets).toEqual(meili.facets);
		expect(pg.pageCount).toBe(meili.pageCount);
		expect(pg.hits.length).toBe(meili.hits.length);
	});

	it('sorts by distance the same way', async () => {
		const input: Input = {
			sort: 'distance',
			near: { lat: 34.92, lng: -2.32 },
			filters: { kind: ['cooperative'] }
		};
		const meili = await upCaller().search.organizations(input);
		const pg = await downCaller().search.organizations(input);
		expect(pg.hits.map((h) => h.id)).toEqual(meili.hits.map((h) => h.id));
		expect(pg.hits.map((h) => h.distanceKm)).toEqual(meili.hits.map((h) => h.distanceKm));
	});

	it('finds words in Arabic and French, whatever the spelling, and marks them', async () => {
		for (const q of [
			'إيناس',
			'ايناس',
			'أيناس',
			'إِينَاس',
			'إينـــاس',
			'ايناس الكسكس',
			'Inass couscous',
			'cooperative feminine inass'
		]) {
			const res = await downCaller('ar').search.organizations({ q });
			expect(res.degraded).toBe(true);
			expect(
				res.hits.map((h) => h.id),
				q
			).toContain(amalId);
		}
		const hit = (await downCaller('ar').search.organizations({ q: 'ايناس' })).hits.find(
			(h) => h.id === amalId
		)!;
		expect(plainText(hit.name)).toBe('التعاونية النسوية إيناس للكسكس');
		expect(hit.name.find((s) => s.hit)?.text).toBe('إيناس');
	});

	it('tolerates a typo through trigram similarity', async () => {
		const res = await downCaller().search.organizations({ q: 'Innass' });
		expect(res.hits.map((h) => h.id)).toContain(amalId);
	});
});

describe('writes while Meilisearch is down', () => {
	it('succeed, show in the degraded search, and reach Meilisearch once it is back', async () => {
		const org = await createOrganization(app, { name_fr: 'Coopérative Tafilalet Nouvelle' });
		const attempt = await drainOutbox(down);
		expect(attempt.unreachable).not.toBeNull();
		const pending = await app.db.query(
			'SELECT 1 FROM search_outbox WHERE entity_id = $1 AND processed_at IS NULL',
			[org.id]
		);
		expect(pending.rowCount).toBe(1);
		// The PostgreSQL copy was written before Meilisearch was tried.
		const pg = await downCaller().search.organizations({ q: 'Tafilalet Nouvelle' });
		expect(pg.hits.map((h) => h.id)).toEqual([org.id]);

		await syncSearch(app);
		const meili = await upCaller().search.organizations({ q: 'Tafilalet Nouvelle' });
		expect(meili.degraded).toBe(false);
		expect(meili.hits.map((h) => h.id)).toEqual([org.id]);
	});

	it('health says search is down and the app degraded', async () => {
		const health = await checkHealth(down);
		expect(health.search).toBe('down');
		expect(health.database).toBe('up');
	});

	it('the tRPC query says degraded over HTTP too (visitors included)', async () => {
		const res = await createCaller(createBareContext(down)).search.organizations({ q: '' });
		expect(res.degraded).toBe(true);
		expect(res.total).toBeGreaterThan(0);
	});
});
