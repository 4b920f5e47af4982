import type { Queryable } from '$lib/server/db/db';
import type { Reason } from '$lib/matching/reasons';
import { adjacentKeys } from './chain-positions';
import { buildReasons } from './build-reasons';
import {
	findCandidates,
	findProfile,
	listExcludedIds,
	type CandidateQuery,
	type MatchProfile,
	type Retrieval
} from './matching.repo';
import { CANDIDATE_CAPS, type Tier } from './scoring';

export interface SuggestionFilters {
	kind?: 'cooperative' | 'partner' | null;
	province?: string | null;
	sector?: string | null;
}

export interface RankedSuggestion {
	id: string;
	tier: Tier;
	score: number;
	reasons: Reason[];
}

/** The ranked list is cut here: beyond the first hundred, a suggestion is no longer one. */
export const MAX_RANKED = 100;

/** Which postings to read for this organization (see CANDIDATE_CAPS). */
export function retrievalFor(me: MatchProfile, filters: SuggestionFilters): Retrieval[] {
	const adjacent = adjacentKeys(me.chain_keys);
	const near = me.kind === 'cooperative' && !!me.province && !filters.province;
	const fit: Pick<Retrieval, 'code' | 'role'>[] = [
		...me.needs.map((c) => ({ code: `offer:${c}`, role: 'met' as const })),
		...me.offers.map((c) => ({ code: `need:${c}`, role: 'wanted' as const }))
	];
	const at = (keys: string[], cap: number): Retrieval[] =>
		keys.map((k) => ({ code: `at:${k}`, cap, ownProvince: false, role: 'adjacent' }));
	const twoWay = me.needs.flatMap((n) =>
		me.offers.map((o) => ({
			code: `x:${n}|${o}`,
			cap: CANDIDATE_CAPS.twoWay,
			ownProvince: false,
			role: 'both' as const
		}))
	);
	const pairs = (codes: string[], prefix: string, role: 'met2' | 'wanted2'): Retrieval[] =>
		[...codes].sort().flatMap((a, i, all) =>
			all.slice(i + 1).map((b) => ({
				code: `${prefix}:${a}|${b}`,
				cap: CANDIDATE_CAPS.pair,
				ownProvince: false,
				role
			}))
		);
	return [
		...twoWay,
		...pairs(me.needs, 'oo', 'met2'),
		...pairs(me.offers, 'nn', 'wanted2'),
		...fit.map((f) => ({ ...f, cap: CANDIDATE_CAPS.fit, ownProvince: false })),
		...(near
			? fit.map((f) => ({ ...f, cap: CANDIDATE_CAPS.fitOwnProvince, ownProvince: true }))
			: []),
		...at(adjacent.strong, CANDIDATE_CAPS.adjacentStrong),
		...at(adjacent.weak, CANDIDATE_CAPS.adjacentWeak)
	];
}

export function candidateQuery(
	me: MatchProfile,
	exclude: string[],
	filters: SuggestionFilters
): CandidateQuery {
	const adjacent = adjacentKeys(me.chain_keys);
	const cooperative = me.kind === 'cooperative';
	return {
		needs: me.needs,
		offers: me.offers,
		adjacentStrong: adjacent.strong,
		adjacentWeak: adjacent.weak,
		chains: me.chains,
		sectors: me.sectors,
		languages: me.languages,
		lat: cooperative ? me.lat : null,
		lng: cooperative ? me.lng : null,
		province: me.province,
		readerIsPartner: !cooperative,
		exclude,
		filters: {
			kind: filters.kind ?? null,
			province: filters.province ?? null,
			sector: filters.sector ?? null
		}
	};
}

/**
 * Suggestions for one organization, without authorization (callers check it): candidates from
 * bounded posting reads, scored and ordered in one query, reasons built for the page asked.
 */
export async function rankSuggestions(
	db: Queryable,
	orgId: string,
	filters: SuggestionFilters,
	page: { offset: number; limit: number },
	opts: { exhaustive?: boolean } = {}
): Promise<{ items: RankedSuggestion[]; hasMore: boolean; hasListings: boolean }> {
	const me = await findProfile(db, orgId);
	if (!me) return { items: [], hasMore: false, hasListings: false };
	const hasListings = me.offers.length + me.needs.length > 0;
	const retrieval = opts.exhaustive ? 'all' : retrievalFor(me, filters);
	if (retrieval.length === 0) return { items: [], hasMore: false, hasListings };
	const exclude = [orgId, ...(await listExcludedIds(db, orgId))];
	const end = Math.min(page.offset + page.limit, MAX_RANKED);
	const rows = await findCandidates(db, candidateQuery(me, exclude, filters), retrieval, end + 1);
	return {
		items: rows.slice(page.offset, end).map((row) => ({
			id: row.id,
			tier: row.tier,
			score: row.score,
			reasons: buildReasons(me, row)
		})),
		hasMore: rows.length > end && end < MAX_RANKED,
		hasListings
	};
}
