import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	adjacency,
	adjacentKeys,
	parsePosition,
	positionKey
} from '../../src/lib/server/matching/chain-positions';
import { buildReasons, chainAdjacencyReasons } from '../../src/lib/server/matching/build-reasons';
import { renderReason, type Reason } from '../../src/lib/matching/reasons';
import { CHAIN_CODES, STAGE_ORDER, STAGE_CODES } from '../../src/lib/taxonomy/taxonomy';
import type { CandidateRow, MatchProfile } from '../../src/lib/server/matching/matching.repo';

const position = fc.record({
	chain: fc.option(fc.constantFrom(...CHAIN_CODES), { nil: null }),
	stage: fc.constantFrom(...STAGE_CODES)
});

describe('value-chain adjacency', () => {
	it('puts olive growers next to a pressing mill, and a packager just downstream of it', () => {
		const grow = parsePosition('olive_oil:production');
		const press = parsePosition('olive_oil:processing');
		expect(adjacency(grow, press)).toBe('strong');
		expect(adjacency(press, parsePosition('*:packaging'))).toBe('strong');
		expect(adjacency(press, parsePosition('*:distribution_export'))).toBe('weak');
	});

	it('does not join different chains, services upstream, or stages outside the chain', () => {
		expect(
			adjacency(parsePosition('honey:production'), parsePosition('dates:processing'))
		).toBeNull();
		expect(adjacency(parsePosition('*:packaging'), parsePosition('honey:packaging'))).toBeNull();
		expect(adjacency(parsePosition('*:training'), parsePosition('honey:production'))).toBeNull();
		expect(
			adjacency(parsePosition('olive_oil:processing'), parsePosition('olive_oil:processing'))
		).toBeNull();
	});

	it('is symmetric, and adjacentKeys lists exactly the adjacent positions', () => {
		fc.assert(
			fc.property(position, position, (a, b) => {
				expect(adjacency(a, b)).toBe(adjacency(b, a));
				const keys = adjacentKeys([positionKey(a)]);
				const kind = adjacency(a, b);
				if (STAGE_ORDER.includes(b.stage)) {
					expect(keys.strong.includes(positionKey(b))).toBe(kind === 'strong');
					expect(keys.weak.includes(positionKey(b))).toBe(kind === 'weak');
				}
			})
		);
	});
});

const profile = (p: Partial<MatchProfile>): MatchProfile => ({
	organization_id: 'me',
	kind: 'cooperative',
	status: 'published',
	province: 'taourirt',
	lat: 34.4,
	lng: -2.9,
	languages: ['ar'],
	sectors: [],
	offers: [],
	needs: [],
	chain_keys: [],
	chains: [],
	...p
});
const candidate = (c: Partial<CandidateRow>): CandidateRow => ({
	id: 'them',
	kind: 'cooperative',
	tier: 1,
	score: 0,
	km: null,
	verified: false,
	idle_days: 100,
	offers: [],
	needs: [],
	chain_keys: [],
	chains: [],
	sectors: [],
	languages: ['ar'],
	...c
});

describe('reasons', () => {
	it('say both directions of a fit, the chain, the distance and the trust signals', () => {
		const me = profile({
			offers: ['couscous'],
			needs: ['packaging', 'durum_wheat'],
			chain_keys: ['couscous_cereals:processing'],
			chains: ['couscous_cereals'],
			sectors: ['agrifood']
		});
		const them = candidate({
			offers: ['durum_wheat'],
			needs: ['couscous'],
			chain_keys: ['couscous_cereals:production'],
			chains: ['couscous_cereals'],
			sectors: ['agriculture'],
			km: 12.4,
			verified: true,
			idle_days: 3
		});
		expect(buildReasons(me, them)).toEqual<Reason[]>([
			{ code: 'two_way' },
			{ code: 'they_offer', categories: ['durum_wheat'] },
			{ code: 'they_seek', categories: ['couscous'] },
			{
				code: 'chain_adjacent',
				chain: 'couscous_cereals',
				theirStage: 'production',
				yourStage: 'processing'
			},
			{ code: 'nearby', km: 12 },
			{ code: 'verified' },
			{ code: 'active' }
		]);
	});

	it('mention Arabic only when a partner is involved, and distance never for partners', () => {
		const me = profile({ languages: ['ar', 'fr'] });
		expect(buildReasons(me, candidate({ languages: ['ar'], km: 5 })).map((r) => r.code)).toEqual([
			'nearby'
		]);
		const partner = candidate({ kind: 'partner', languages: ['fr'], km: 5 });
		expect(buildReasons(me, partner)).toEqual([{ code: 'languages', languages: ['fr'] }]);
	});

	it('keep at most two chain reasons, the strong ones first', () => {
		const reasons = chainAdjacencyReasons(
			['olive_oil:processing', 'honey:processing'],
			['*:distribution_export', '*:packaging', 'olive_oil:production']
		);
		expect(reasons).toHaveLength(2);
		expect(reasons[0]).toMatchObject({ theirStage: 'packaging' });
	});

	it('read in the reader’s language', () => {
		const r: Reason = { code: 'they_offer', categories: ['cold_pressing', 'packaging'] };
		expect(renderReason(r, 'ar')).toBe(
			'يعرضون العصر على البارد والتلفيف والتعبئة، وهو ما تبحثون عنه'
		);
		expect(renderReason(r, 'fr')).toBe(
			'Ils proposent Pressage à froid et Emballage et conditionnement, ce que vous cherchez'
		);
		expect(renderReason({ code: 'same_chain', chain: 'olive_oil' }, 'en')).toBe(
			'Same value chain: Olive oil'
		);
		expect(renderReason({ code: 'nearby', km: 1250 }, 'fr')).toMatch(/^À 1\s250 km$/);
	});

	it('have a sentence in every language for every code', () => {
		const all: Reason[] = [
			{ code: 'two_way' },
			{ code: 'they_offer', categories: ['honey'] },
			{ code: 'they_seek', categories: ['dates'] },
			{ code: 'chain_adjacent', chain: 'dates', theirStage: 'processing', yourStage: 'production' },
			{
				code: 'chain_adjacent',
				chain: null,
				theirStage: 'packaging',
				yourStage: 'transport_logistics'
			},
			{ code: 'same_chain', chain: 'honey' },
			{ code: 'same_sector', sectors: ['fishing'] },
			{ code: 'languages', languages: ['fr', 'es'] },
			{ code: 'nearby', km: 3 },
			{ code: 'verified' },
			{ code: 'active' }
		];
		for (const locale of ['ar', 'fr', 'en'] as const)
			for (const r of all) expect(renderReason(r, locale)).not.toMatch(/match_|\{|undefined/);
	});
});
