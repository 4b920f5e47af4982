import type { Locale } from '$lib/i18n/locales';
import { findProvince, findTown, countryName } from '$lib/taxonomy/geography';
import { labelOf } from '$lib/taxonomy/labels';
import { dateTimeFormat, intlLocale } from '$lib/i18n/intl';

export const formatDate = (d: Date | string, locale: Locale) =>
	dateTimeFormat(intlLocale(locale), { dateStyle: 'long' }).format(new Date(d));

const separator = (locale: Locale) => (locale === 'ar' ? '، ' : ', ');

/** "a, b, c" with the comma of the language; empty items are left out. */
export const joinList = (items: (string | null | undefined)[], locale: Locale) =>
	items.filter(Boolean).join(separator(locale));

/** "Taourirt, Taourirt Province" for a cooperative; "Occitanie, France" for a partner. */
export function placeOf(
	org: {
		kind: string;
		province: string | null;
		town: string | null;
		region: string | null;
		country: string;
	},
	locale: Locale
): string {
	if (org.kind === 'cooperative') {
		const town = findTown(org.province, org.town);
		const province = findProvince(org.province);
		return joinList(
			[town && labelOf(town.name, locale), province && labelOf(province.name, locale)],
			locale
		);
	}
	return joinList([org.region, countryName(org.country, intlLocale(locale))], locale);
}
