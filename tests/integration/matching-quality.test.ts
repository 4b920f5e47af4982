import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { loadMatchingFixture } from '../helpers/matching-fixture';
import {
	COMPLEMENTARY_PAIRS,
	MATCHING_FIXTURE,
	NEVER_SUGGESTED,
	relevantFor
} from '../fixtures/matching-orgs';
import { rankSuggestions } from '../../src/lib/server/matching/rank';

let app: TestApp;
let ids: Map<string, string>;
let slugs: Map<string, string>;
const top = async (slug: string, n = 5, filters = {}) =>
	(await rankSuggestions(app.db, ids.get(slug)!, filters, { offset: 0, limit: n })).items;

beforeAll(async () => {
	app = await createTestApp();
	ids = await loadMatchingFixture(app);
	slugs = new Map([...ids].map(([s, id]) => [id, s]));
});
afterAll(() => app?.close());

describe('the labelled fixture', () => {
	it('is large enough and its labels name real organizations', () => {
		expect(MATCHING_FIXTURE.length).toBeGreaterThanOrEqual(50);
		expect(COMPLEMENTARY_PAIRS.length).toBeGreaterThanOrEqual(100);
		for (const [a, b] of COMPLEMENTARY_PAIRS) {
			expect(ids.has(a), a).toBe(true);
			expect(ids.has(b), b).toBe(true);
		}
	});
});

describe('matching quality', () => {
	it('precision@5 over the labelled organizations is at least 0.8', async () => {
		// Precision@5: the share of the first five suggestions that are labelled counterparts;
		// for an organization with fewer than five counterparts, out of that number.
		const queries = MATCHING_FIXTURE.filter(
			(o) => !NEVER_SUGGESTED.includes(o.slug) && relevantFor(o.slug).size > 0
		);
		const misses: string[] = [];
		let sum = 0;
		for (const o of queries) {
			const relevant = relevantFor(o.slug);
			const got = (await top(o.slug)).map((s) => slugs.get(s.id)!);
			const hits = got.filter((s) => relevant.has(s)).length;
			const precision = hits / Math.min(5, relevant.size);
			sum += precision;
			if (precision < 1) misses.push(`${o.slug}: ${got.join(', ')}`);
		}
		const mean = sum / queries.length;
		expect(queries.length).toBeGreaterThanOrEqual(45);
		process.stdout.write(`matching precision@5 on the labelled fixture: ${mean.toFixed(3)}\n`);
		expect(
			mean,
			`mean precision@5 ${mean.toFixed(3)}; below 1:\n${misses.join('\n')}`
		).toBeGreaterThanOrEqual(0.8);
	});

	it('ranks a two-way fit above every one-way fit', async () => {
		// The pressing mill of Berkane needs olives and export, and offers olive oil: the olive
		// growers and the two importers fit both ways; the packaging cooperatives one way only.
		const list = await top('maasara-berkane', 10);
		const tiers = list.map((s) => s.tier);
		expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
		const twoWay = [
			'zitoun-aklim',
			'zitoun-ain-sfa',
			'zitoun-el-aioun',
			'occitanie-saveurs',
			'andalucia-export'
		];
		expect(
			list
				.slice(0, 5)
				.map((s) => slugs.get(s.id))
				.sort()
		).toEqual(twoWay.sort());
		expect(list.slice(0, 5).every((s) => s.reasons[0].code === 'two_way')).toBe(true);
		const packaging = list.findIndex((s) => slugs.get(s.id) === 'talfif-oujda');
		expect(packaging).toBeGreaterThanOrEqual(5);
		expect(list[packaging].tier).toBe(1);
	});

	it('says why, with structured reasons', async () => {
		const [first] = await top('couscous-nisaa-taourirt', 10);
		const packaging = (await top('couscous-nisaa-taourirt', 10)).find(
			(s) => slugs.get(s.id) === 'talfif-taourirt'
		)!;
		expect(first).toBeDefined();
		expect(packaging.reasons).toContainEqual({ code: 'they_offer', categories: ['packaging'] });
		expect(packaging.reasons).toContainEqual({ code: 'nearby', km: 1 });
		const mill = (await top('zitoun-aklim', 5)).find((s) => slugs.get(s.id) === 'maasara-berkane')!;
		expect(mill.reasons).toContainEqual({
			code: 'chain_adjacent',
			chain: 'olive_oil',
			theirStage: 'processing',
			yourStage: 'production'
		});
	});

	it('lets a partner region see the cooperatives that fit its stated interests', async () => {
		const list = (await top('region-occitanie', 8)).map((s) => slugs.get(s.id)!);
		// It seeks olive oil and essential oils, and offers training and certification.
		expect(list.slice(0, 6)).toEqual(
			expect.arrayContaining(['maasara-berkane', 'maasara-taourirt', 'taqtir-oujda'])
		);
		for (const s of list) expect(relevantFor('region-occitanie').has(s), s).toBe(true);
	});

	it('favours the nearby cooperative among equal fits, and does not penalize partners for distance', async () => {
		const list = (await top('jubn-berkane', 10)).map((s) => slugs.get(s.id)!);
		// Both dairies fit (milk); Isly is 50 km from Berkane, Naïma 80 km.
		expect(list.indexOf('halib-isly')).toBeLessThan(list.indexOf('halib-naima'));
		// A partner's place changes nothing: the importer in Occitanie scores the same whether its
		// address is unknown or in Toulouse, 1,000 km away.
		const scoreOf = async () =>
			(await top('clementine-madagh', 20)).find((s) => slugs.get(s.id) === 'occitanie-saveurs')!
				.score;
		const before = await scoreOf();
		await app.db.query(
			`UPDATE organizations SET lat = 43.6, lng = 1.44 WHERE slug = 'occitanie-saveurs'`
		);
		expect(await scoreOf()).toBeCloseTo(before, 6);
	});

	it('never suggests a draft, hidden or suspended organization, nor the organization itself', async () => {
		for (const o of MATCHING_FIXTURE.filter((x) => !NEVER_SUGGESTED.includes(x.slug))) {
			const got = (await top(o.slug, 50)).map((s) => slugs.get(s.id)!);
			for (const never of NEVER_SUGGESTED) expect(got).not.toContain(never);
			expect(got).not.toContain(o.slug);
		}
	});

	it('applies the kind, province and sector filters', async () => {
		const kindOf = (id: string) => MATCHING_FIXTURE.find((o) => o.slug === slugs.get(id))!;
		const partners = await top('maasara-berkane', 20, { kind: 'partner' });
		expect(partners.length).toBeGreaterThanOrEqual(3);
		expect(partners.every((s) => kindOf(s.id).kind === 'partner')).toBe(true);
		const inTaourirt = await top('couscous-guercif', 20, { province: 'taourirt' });
		expect(inTaourirt.map((s) => slugs.get(s.id))).toEqual(
			expect.arrayContaining(['talfif-taourirt', 'qamh-debdou'])
		);
		expect(inTaourirt.every((s) => kindOf(s.id).province === 'taourirt')).toBe(true);
		const bees = await top('talfif-oujda', 20, { sector: 'beekeeping' });
		expect(bees.every((s) => kindOf(s.id).sectors.includes('beekeeping'))).toBe(true);
		// The three that need packaging or labelling first; the fourth only works along the chain.
		expect(
			bees
				.slice(0, 3)
				.map((s) => slugs.get(s.id))
				.sort()
		).toEqual(['nahl-debdou', 'nahl-isly', 'nahl-jerada']);
	});
});
