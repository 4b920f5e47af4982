import type { Locale } from '$lib/i18n/locales';
import { labelOf } from '$lib/taxonomy/labels';
import { countryName, findProvince, findTown } from '$lib/taxonomy/geography';

/** What suggestion, connection and notification lists show of an organization. */
export interface OrgCard {
	id: string;
	slug: string;
	kind: 'cooperative' | 'partner';
	partnerType: string | null;
	names: { ar: string | null; fr: string | null; en: string | null };
	province: string | null;
	town: string | null;
	country: string;
	verified: boolean;
}

export type OrgNames = OrgCard['names'];

/** The name in the reader's language, else in any language it has. */
export function orgName(names: Partial<OrgNames> | null | undefined, locale: Locale): string {
	if (!names) return '';
	return names[locale] || names.ar || names.fr || names.en || '';
}

/** "Taourirt, Taourirt Province" for cooperatives, the country for partners. */
export function orgPlace(card: OrgCard, locale: Locale): string {
	if (card.kind === 'partner' || !card.province) return countryName(card.country, locale);
	const province = findProvince(card.province);
	const town = findTown(card.province, card.town);
	return [town && labelOf(town.name, locale), province && labelOf(province.name, locale)]
		.filter(Boolean)
		.join(locale === 'ar' ? '، ' : ', ');
}
