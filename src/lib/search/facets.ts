/**
 * The facets of organization search: the key used in the API and the URL, the index attribute
 * (also the `search_documents` column) and how it filters. Shared by the page and the server.
 */
export const FACETS = [
	{ key: 'kind', field: 'kind', type: 'scalar' },
	{ key: 'sector', field: 'sectors', type: 'array' },
	{ key: 'province', field: 'province', type: 'scalar' },
	{ key: 'country', field: 'country', type: 'scalar' },
	{ key: 'verified', field: 'verified', type: 'boolean' },
	{ key: 'offer', field: 'offer_categories', type: 'array' },
	{ key: 'need', field: 'need_categories', type: 'array' },
	{ key: 'stage', field: 'stages', type: 'array' },
	{ key: 'womenLed', field: 'women_led', type: 'boolean' }
] as const;

export type Facet = (typeof FACETS)[number];
export type FacetKey = Facet['key'];
export type ListFacetKey = Extract<Facet, { type: 'scalar' | 'array' }>['key'];
export type BooleanFacetKey = Extract<Facet, { type: 'boolean' }>['key'];

/** Selected filters: values within a facet are alternatives (OR), facets combine with AND. */
export type SearchFilters = Partial<
	Record<ListFacetKey, string[]> & Record<BooleanFacetKey, boolean>
>;

/** Counts per facet value ("true"/"false" for the yes/no facets). */
export type FacetCounts = Record<FacetKey, Record<string, number>>;

export const HITS_PER_PAGE = 20;
/** Meilisearch's pagination.maxTotalHits / HITS_PER_PAGE: past that, refine the search. */
export const MAX_PAGE = 50;

/** The filters with one facet left out (its own counts ignore its own selection). */
export function withoutFacet(filters: SearchFilters, key: FacetKey): SearchFilters {
	const rest = { ...filters };
	delete rest[key];
	return rest;
}

/** True when the facet narrows the results. */
export function isSelected(filters: SearchFilters, facet: Facet): boolean {
	const value = filters[facet.key];
	return facet.type === 'boolean' ? value === true : Array.isArray(value) && value.length > 0;
}
