import type { AppDeps } from '$lib/server/deps';
import type { Locale } from '$lib/i18n/locales';
import { findTown } from '$lib/taxonomy/geography';
import { HITS_PER_PAGE, MAX_PAGE } from '$lib/search/facets';
import type { Origin, SearchResult } from '$lib/search/results';
import type { MeiliClient } from './meili-client';
import { indexUid } from './indexes';
import { ORGANIZATIONS_INDEX } from './index-definitions';
import { buildMeiliQueries, readMeiliResponse } from './meili-query';
import { degradedSearch } from './degraded.repo';
import { userOrganizationPlace } from './search.repo';
import { markNames, toHit } from './hits';
import { queryTokens } from './text';
import type { SearchOrganizationsInput } from './search.schema';

/** A search waits this long for Meilisearch before answering from PostgreSQL. */
const MEILI_SEARCH_TIMEOUT_MS = 1500;
/** After a failure, searches go straight to PostgreSQL for this long, then try again. */
const MEILI_RETRY_AFTER_MS = 3000;
const downUntil = new WeakMap<MeiliClient, number>();

/** The region's seat, when neither a point nor the user's organization says where "near" is. */
const OUJDA = findTown('oujda_angad', 'oujda')!;

export interface SearchContext {
	userId: string | null;
	locale: Locale;
}

export async function searchOrganizations(
	deps: AppDeps,
	input: SearchOrganizationsInput,
	ctx: SearchContext
): Promise<SearchResult> {
	const origin = input.sort === 'distance' ? await originFor(deps, input, ctx.userId) : null;
	if ((downUntil.get(deps.meili) ?? 0) <= Date.now()) {
		try {
			return await searchMeili(deps, input, ctx.locale, origin);
		} catch (err) {
			downUntil.set(deps.meili, Date.now() + MEILI_RETRY_AFTER_MS);
			deps.log.warn({ err: (err as Error).message }, 'search answered from PostgreSQL (degraded)');
		}
	}
	return searchPostgres(deps, input, ctx.locale, origin);
}

async function originFor(
	deps: AppDeps,
	input: SearchOrganizationsInput,
	userId: string | null
): Promise<Origin> {
	if (input.near) return { ...input.near, from: 'point' };
	const place = userId ? await userOrganizationPlace(deps.db, userId) : null;
	if (place?.lat != null && place.lng != null)
		return { lat: place.lat, lng: place.lng, from: 'organization' };
	const town = place && findTown(place.province, place.town);
	if (town) return { lat: town.lat, lng: town.lng, from: 'organization' };
	return { lat: OUJDA.lat, lng: OUJDA.lng, from: 'region' };
}

async function searchMeili(
	deps: AppDeps,
	input: SearchOrganizationsInput,
	locale: Locale,
	origin: Origin | null
): Promise<SearchResult> {
	const uid = indexUid(deps.env.MEILI_INDEX_PREFIX, ORGANIZATIONS_INDEX.name);
	const response = await deps.meili.multiSearch(buildMeiliQueries(input, uid, origin), {
		signal: AbortSignal.timeout(MEILI_SEARCH_TIMEOUT_MS)
	});
	return readMeiliResponse(input, response, locale, origin);
}

export async function searchPostgres(
	deps: AppDeps,
	input: SearchOrganizationsInput,
	locale: Locale,
	origin: Origin | null
): Promise<SearchResult> {
	const words = queryTokens(input.q);
	const answer = await degradedSearch(deps.db, {
		words,
		filters: input.filters,
		origin,
		limit: HITS_PER_PAGE,
		offset: (input.page - 1) * HITS_PER_PAGE
	});
	const hits = answer.hits.map(({ doc, distance_km }) =>
		toHit(doc, markNames(doc, words), words, locale, distance_km)
	);
	return {
		hits,
		total: answer.total,
		page: input.page,
		pageCount: Math.min(MAX_PAGE, Math.ceil(answer.total / HITS_PER_PAGE)),
		facets: answer.facets,
		degraded: true,
		origin
	};
}
