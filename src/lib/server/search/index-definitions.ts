import type { IndexDefinition } from './indexes';
import { ARABIC_FRENCH_SETTINGS } from './indexes';
import { MAX_PAGE, HITS_PER_PAGE } from '$lib/search/facets';

/** Every Meilisearch index of the app. Settings are applied idempotently at boot. */
export const ORGANIZATIONS_INDEX: IndexDefinition = {
	name: 'organizations',
	primaryKey: 'id',
	settings: {
		...ARABIC_FRENCH_SETTINGS,
		// Earlier attributes rank higher: a match in a name beats one in an offer, a place, a
		// taxonomy label (terms_*: category and sector labels, Arabic stems) or a description.
		searchableAttributes: [
			'name_ar',
			'name_fr',
			'name_en',
			'name_terms_ar',
			'offer_terms_ar',
			'offer_terms_fr',
			'offer_terms_en',
			'listings_ar',
			'listings_fr',
			'listings_en',
			'place_ar',
			'place_fr',
			'place_en',
			'terms_ar',
			'terms_fr',
			'terms_en',
			'description_ar',
			'description_fr',
			'description_en'
		],
		localizedAttributes: [
			{ attributePatterns: ['*_ar'], locales: ['ara'] },
			{ attributePatterns: ['*_fr'], locales: ['fra'] },
			{ attributePatterns: ['*_en'], locales: ['eng'] }
		],
		filterableAttributes: [
			'kind',
			'sectors',
			'province',
			'country',
			'verified',
			'offer_categories',
			'need_categories',
			'stages',
			'women_led'
		],
		sortableAttributes: ['_geo', 'name_sort'],
		// Indexing cost, paid on every edit: no facet search (the page lists values with their counts
		// instead), and word proximity by attribute (names and offers are short) instead of the
		// costly word-pair database. Both cut the time from an edit to being searchable.
		facetSearch: false,
		proximityPrecision: 'byAttribute',
		// Facet values are counted over every match; counts by count, so the biggest come first.
		faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
		pagination: { maxTotalHits: MAX_PAGE * HITS_PER_PAGE }
	}
};

/** Active clusters: found by name, purpose and member organizations. */
export const CLUSTERS_INDEX: IndexDefinition = {
	name: 'clusters',
	primaryKey: 'id',
	settings: {
		...ARABIC_FRENCH_SETTINGS,
		searchableAttributes: [
			'name_ar',
			'name_fr',
			'name_en',
			'members_ar',
			'members_fr',
			'members_en',
			'terms_ar',
			'purpose_ar',
			'purpose_fr',
			'purpose_en'
		],
		localizedAttributes: ORGANIZATIONS_INDEX.settings.localizedAttributes,
		filterableAttributes: ['sector', 'chain', 'provinces'],
		sortableAttributes: ['name_sort', 'active_members'],
		facetSearch: false,
		proximityPrecision: 'byAttribute'
	}
};

export const ALL_INDEXES: IndexDefinition[] = [ORGANIZATIONS_INDEX, CLUSTERS_INDEX];
