import { CATEGORY_CODES, SECTOR_CODES, STAGE_CODES } from '$lib/taxonomy/taxonomy';
import { PROVINCES, PROVINCE_CODES } from '$lib/taxonomy/geography';
import { FACETS, MAX_PAGE, type FacetKey, type SearchFilters } from './facets';

/**
 * The search page's state lives in its URL (shared links and the back button work, and the page
 * works as a plain GET form): `?q=…&province=berkane&province=nador&verified=1&sort=distance&near=oujda&page=2`.
 */
export interface SearchState {
	q: string;
	filters: SearchFilters;
	sort: 'relevance' | 'distance';
	/** A town code, or "org" for the user's organization; empty for the default. */
	near: string;
	page: number;
}

/** URL parameter of each facet. */
export const PARAM: Record<FacetKey, string> = {
	kind: 'kind',
	sector: 'sector',
	province: 'province',
	country: 'country',
	verified: 'verified',
	offer: 'offer',
	need: 'need',
	stage: 'stage',
	womenLed: 'women_led'
};

const KNOWN: Partial<Record<FacetKey, readonly string[]>> = {
	kind: ['cooperative', 'partner'],
	sector: SECTOR_CODES,
	province: PROVINCE_CODES,
	offer: CATEGORY_CODES,
	need: CATEGORY_CODES,
	stage: STAGE_CODES
};

export const TOWNS = PROVINCES.flatMap((p) => p.towns.map((t) => ({ ...t, province: p.code })));

/** Reads the state from a URL, dropping anything unknown (a hand-edited link never breaks the page). */
export function parseSearchParams(params: URLSearchParams): SearchState {
	const filters: SearchFilters = {};
	for (const facet of FACETS) {
		const raw = params.getAll(PARAM[facet.key]);
		if (facet.type === 'boolean') {
			if (raw.some((v) => v === '1' || v === 'true')) filters[facet.key] = true;
			continue;
		}
		const known = KNOWN[facet.key];
		const values = [
			...new Set(
				raw
					.map((v) => (facet.key === 'country' ? v.toUpperCase() : v))
					.filter((v) => (known ? known.includes(v) : /^[A-Z]{2}$/.test(v)))
			)
		].slice(0, 30);
		if (values.length) filters[facet.key] = values;
	}
	const near = params.get('near') ?? '';
	const page = Number.parseInt(params.get('page') ?? '1', 10);
	return {
		q: (params.get('q') ?? '').slice(0, 200),
		filters,
		sort: params.get('sort') === 'distance' ? 'distance' : 'relevance',
		near: near === 'org' || TOWNS.some((t) => t.code === near) ? near : '',
		page: Number.isFinite(page) ? Math.min(MAX_PAGE, Math.max(1, page)) : 1
	};
}

/** The URL query of a state, in a stable order; defaults are left out. */
export function searchQuery(state: SearchState): string {
	const params = new URLSearchParams();
	if (state.q.trim()) params.set('q', state.q.trim());
	for (const facet of FACETS) {
		const value = state.filters[facet.key];
		if (facet.type === 'boolean') {
			if (value === true) params.append(PARAM[facet.key], '1');
		} else
			for (const v of (value as string[] | undefined) ?? []) params.append(PARAM[facet.key], v);
	}
	if (state.sort === 'distance') params.set('sort', 'distance');
	if (state.sort === 'distance' && state.near) params.set('near', state.near);
	if (state.page > 1) params.set('page', String(state.page));
	const query = params.toString();
	return query ? `?${query}` : '';
}

export function searchHref(state: SearchState, change: Partial<SearchState> = {}): string {
	return `/search${searchQuery({ ...state, page: 1, ...change })}`;
}

/** The state with one facet value toggled (page back to 1). */
export function toggleValue(state: SearchState, key: FacetKey, value: string): SearchState {
	const filters = { ...state.filters };
	const facet = FACETS.find((f) => f.key === key)!;
	if (facet.type === 'boolean') {
		if (filters[key as 'verified']) delete filters[key as 'verified'];
		else filters[key as 'verified'] = true;
	} else {
		const current = (filters[key as 'province'] ?? []) as string[];
		const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
		if (next.length) filters[key as 'province'] = next;
		else delete filters[key as 'province'];
	}
	return { ...state, filters, page: 1 };
}

export function countSelected(filters: SearchFilters): number {
	return Object.values(filters).reduce<number>(
		(n, v) => n + (Array.isArray(v) ? v.length : v ? 1 : 0),
		0
	);
}

/** The point a town code stands for. */
export function townPoint(code: string): { lat: number; lng: number } | undefined {
	const town = TOWNS.find((t) => t.code === code);
	return town ? { lat: town.lat, lng: town.lng } : undefined;
}
