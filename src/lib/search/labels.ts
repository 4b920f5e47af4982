import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/i18n/locales';
import { countryName, findProvince } from '$lib/taxonomy/geography';
import { findCategory, findSector, findStage } from '$lib/taxonomy/taxonomy';
import type { FacetKey } from './facets';

/** How a facet value reads in the page's language (taxonomy labels, country names). */
export function facetValueLabel(key: FacetKey, value: string, locale: Locale): string {
	switch (key) {
		case 'kind':
			return value === 'partner' ? m.search_kind_partner() : m.search_kind_cooperative();
		case 'sector':
			return findSector(value)?.label[locale] ?? value;
		case 'province':
			return findProvince(value)?.name[locale] ?? value;
		case 'country':
			return countryName(value, locale);
		case 'offer':
		case 'need':
			return findCategory(value)?.label[locale] ?? value;
		case 'stage':
			return findStage(value)?.label[locale] ?? value;
		case 'verified':
			return m.search_verified_only();
		case 'womenLed':
			return m.search_women_led_only();
	}
}

export function facetTitle(key: FacetKey): string {
	return {
		kind: m.search_facet_kind,
		sector: m.search_facet_sector,
		province: m.search_facet_province,
		country: m.search_facet_country,
		verified: m.search_facet_verified,
		offer: m.search_facet_offer,
		need: m.search_facet_need,
		stage: m.search_facet_stage,
		womenLed: m.search_facet_women_led
	}[key]();
}

export function partnerTypeLabel(type: string | null): string | null {
	const labels: Record<string, () => string> = {
		region: m.search_partner_region,
		ngo: m.search_partner_ngo,
		expert: m.search_partner_expert,
		support: m.search_partner_support,
		buyer: m.search_partner_buyer
	};
	return type && labels[type] ? labels[type]() : null;
}
