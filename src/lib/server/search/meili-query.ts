import type { MultiSearchParams, MultiSearchResponse, MultiSearchQuery } from 'meilisearch';
import { LOCALES, type Locale } from '$lib/i18n/locales';
import {
	FACETS,
	HITS_PER_PAGE,
	MAX_PAGE,
	isSelected,
	withoutFacet,
	type FacetCounts,
	type SearchFilters
} from '$lib/search/facets';
import type { Origin, SearchResult } from '$lib/search/results';
import type { OrganizationDocument } from './documents';
import { markNames, toHit } from './hits';
import { normalizeQuery, queryTokens } from './text';
import type { SearchOrganizationsInput } from './search.schema';

const per = (field: string) => LOCALES.map((l) => `${field}_${l}`);
const RETRIEVE = [
	'id',
	'slug',
	'kind',
	'partner_type',
	'province',
	'country',
	'verified',
	'women_led',
	'sectors',
	'offer_categories',
	'need_categories',
	'logo_path',
	// Without _geo, Meilisearch leaves out _geoDistance.
	'_geo',
	...per('name'),
	...per('description'),
	...per('listings'),
	...per('place')
];

/** A Meilisearch filter expression; values are taxonomy codes, quoted anyway. */
export function filterExpression(filters: SearchFilters): string[] {
	const out: string[] = [];
	for (const facet of FACETS) {
		if (!isSelected(filters, facet)) continue;
		if (facet.type === 'boolean') out.push(`${facet.field} = true`);
		else {
			const values = filters[facet.key] as string[];
			out.push(`${facet.field} IN [${values.map((v) => JSON.stringify(v)).join(', ')}]`);
		}
	}
	return out;
}

/**
 * One multi-search: the page of hits with every facet counted, plus, for each facet the user
 * narrowed, its counts without its own selection (so the other provinces still show how many).
 */
export function buildMeiliQueries(
	input: SearchOrganizationsInput,
	indexUid: string,
	origin: { lat: number; lng: number } | null
): MultiSearchParams {
	const q = normalizeQuery(input.q);
	const main: MultiSearchQuery = {
		indexUid,
		q,
		filter: filterExpression(input.filters),
		facets: FACETS.map((f) => f.field),
		page: input.page,
		hitsPerPage: HITS_PER_PAGE,
		// No attributesToHighlight: names, descriptions and offers are marked in the app, with the
		// same folding and typo rules (highlight.ts). Meilisearch's `_formatted` repeats every
		// retrieved field, which doubled the answer (70 kB for 20 hits) and the time to send it,
		// decode it (UTF-8 decoding of Arabic text is slow in V8) and parse it.
		attributesToRetrieve: RETRIEVE
	};
	if (origin) main.sort = [`_geoPoint(${origin.lat}, ${origin.lng}):asc`];
	const queries: MultiSearchQuery[] = [main];
	for (const facet of FACETS) {
		if (!isSelected(input.filters, facet)) continue;
		queries.push({
			indexUid,
			q,
			filter: filterExpression(withoutFacet(input.filters, facet.key)),
			facets: [facet.field],
			limit: 0
		});
	}
	return { queries };
}

type MeiliHit = OrganizationDocument & { _geoDistance?: number };

export function readMeiliResponse(
	input: SearchOrganizationsInput,
	response: MultiSearchResponse,
	locale: Locale,
	origin: Origin | null
): SearchResult {
	const [main, ...others] = response.results;
	const facets = {} as FacetCounts;
	let o = 0;
	for (const facet of FACETS) {
		const source = isSelected(input.filters, facet) ? others[o++] : main;
		facets[facet.key] = source.facetDistribution?.[facet.field] ?? {};
	}
	// Every document has exactly one kind: the kind counts add up to the exact total, where
	// totalHits stops at pagination.maxTotalHits.
	const kindCounts = main.facetDistribution?.kind ?? {};
	const total = Object.values(kindCounts).reduce((a, b) => a + b, 0) || (main.totalHits ?? 0);
	const words = queryTokens(input.q);
	const hits = (main.hits as MeiliHit[]).map((hit) =>
		toHit(
			hit,
			markNames(hit, words),
			words,
			locale,
			hit._geoDistance === undefined ? null : hit._geoDistance / 1000
		)
	);
	return {
		hits,
		total,
		page: input.page,
		pageCount: Math.min(MAX_PAGE, Math.ceil(total / HITS_PER_PAGE)),
		facets,
		degraded: false,
		origin
	};
}
