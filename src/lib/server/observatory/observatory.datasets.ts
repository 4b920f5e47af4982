import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import { labelOf } from '$lib/taxonomy/labels';
import { findSector } from '$lib/taxonomy/taxonomy';
import { findProvince, countryName } from '$lib/taxonomy/geography';
import type { Observatory } from './observatory.service';

/** Each dataset of the observatory as a header and rows, in the reader's language (for CSV). */
export function datasetRows(
	o: Observatory,
	dataset: string,
	locale: Locale
): { header: string[]; rows: (string | number)[][] } | null {
	const t = (key: string) => translate(key, {}, locale);
	const sector = (code: string) =>
		labelOf(findSector(code)?.label ?? { ar: code, fr: code, en: code }, locale);
	const province = (code: string) =>
		labelOf(findProvince(code)?.name ?? { ar: code, fr: code, en: code }, locale);
	switch (dataset) {
		case 'sectors':
			return {
				header: [t('obs_col_sector'), t('obs_col_cooperatives')],
				rows: o.bySector.map((r) => [sector(r.code), r.count])
			};
		case 'provinces':
			return {
				header: [
					t('obs_col_province'),
					t('obs_col_cooperatives'),
					t('obs_col_members'),
					t('obs_col_women'),
					t('obs_col_youth')
				],
				rows: o.byProvince.map((r) => [province(r.code), r.count, r.members, r.women, r.youth])
			};
		case 'clusters':
			return {
				header: [t('obs_col_status'), t('obs_col_clusters')],
				rows: o.clustersByStatus.map((r) => [
					translate(`cluster_status_${r.code}`, {}, locale),
					r.count
				])
			};
		case 'connections':
			return {
				header: [t('obs_col_month'), t('obs_col_connections')],
				rows: o.connectionsPerMonth.map((r) => [r.period, r.count])
			};
		case 'conversations':
			return {
				header: [t('obs_col_week'), t('obs_col_conversations')],
				rows: o.conversationsPerWeek.map((r) => [r.period, r.count])
			};
		case 'partner_countries':
			return o.staff
				? {
						header: [t('obs_col_country'), t('obs_col_partners')],
						rows: o.staff.partnerCountries.map((r) => [countryName(r.code, locale), r.count])
					}
				: null;
		default:
			return null;
	}
}

export const PUBLIC_DATASETS = ['sectors', 'provinces', 'clusters', 'connections', 'conversations'];
export const STAFF_DATASETS = [...PUBLIC_DATASETS, 'partner_countries'];
