import type { IndexDefinition } from './indexes';
import { ARABIC_FRENCH_SETTINGS } from './indexes';

/** Every Meilisearch index of the app. Settings are applied idempotently at boot. */
export const ORGANIZATIONS_INDEX: IndexDefinition = {
	name: 'organizations',
	primaryKey: 'id',
	settings: {
		...ARABIC_FRENCH_SETTINGS,
		searchableAttributes: [
			'name_ar',
			'name_fr',
			'name_en',
			'town',
			'listings_ar',
			'listings_fr',
			'listings_en',
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
		faceting: { maxValuesPerFacet: 100 }
	}
};

export const ALL_INDEXES: IndexDefinition[] = [ORGANIZATIONS_INDEX];
