import type { Labels } from './labels';
import type { Locale } from '$lib/i18n/locales';
import { displayNames } from '$lib/i18n/intl';

/** The eight provinces and prefectures of the Oriental region, with their main towns. */
export interface Town {
	code: string;
	name: Labels;
	lat: number;
	lng: number;
}
export interface Province {
	code: string;
	name: Labels;
	towns: Town[];
}

const t = (code: string, ar: string, fr: string, lat: number, lng: number): Town => ({
	code,
	name: { ar, fr, en: fr },
	lat,
	lng
});

export const PROVINCES: Province[] = [
	{
		code: 'oujda_angad',
		name: { ar: 'عمالة وجدة أنكاد', fr: 'Préfecture d’Oujda-Angad', en: 'Oujda-Angad Prefecture' },
		towns: [
			t('oujda', 'وجدة', 'Oujda', 34.6814, -1.9086),
			t('bni_drar', 'بني درار', 'Bni Drar', 34.8575, -1.9922),
			t('ain_sfa', 'عين الصفا', 'Aïn Sfa', 34.7725, -2.1536),
			t('naima', 'النعيمة', 'Naïma', 34.6167, -2.2167),
			t('isly', 'إسلي', 'Isly', 34.6486, -1.8731)
		]
	},
	{
		code: 'berkane',
		name: { ar: 'إقليم بركان', fr: 'Province de Berkane', en: 'Berkane Province' },
		towns: [
			t('berkane', 'بركان', 'Berkane', 34.92, -2.32),
			t('ahfir', 'أحفير', 'Ahfir', 34.9519, -2.1003),
			t('saidia', 'السعيدية', 'Saïdia', 35.085, -2.2392),
			t('aklim', 'أكليم', 'Aklim', 34.9167, -2.4333),
			t('madagh', 'مداغ', 'Madagh', 35.0167, -2.3333)
		]
	},
	{
		code: 'nador',
		name: { ar: 'إقليم الناظور', fr: 'Province de Nador', en: 'Nador Province' },
		towns: [
			t('nador', 'الناظور', 'Nador', 35.1681, -2.9335),
			t('zeghanghane', 'زغنغن', 'Zeghanghane', 35.15, -3.0),
			t('selouane', 'سلوان', 'Selouane', 35.07, -2.94),
			t('al_aroui', 'العروي', 'Al Aroui', 35.0, -3.03),
			t('kariat_arekmane', 'قرية أركمان', 'Kariat Arekmane', 35.1, -2.75)
		]
	},
	{
		code: 'driouch',
		name: { ar: 'إقليم الدريوش', fr: 'Province de Driouch', en: 'Driouch Province' },
		towns: [
			t('driouch', 'الدريوش', 'Driouch', 34.976, -3.393),
			t('midar', 'ميضار', 'Midar', 34.945, -3.533),
			t('ben_taieb', 'بن الطيب', 'Ben Taïeb', 35.08, -3.47),
			t('dar_kebdani', 'دار الكبداني', 'Dar El Kebdani', 35.12, -3.35)
		]
	},
	{
		code: 'taourirt',
		name: { ar: 'إقليم تاوريرت', fr: 'Province de Taourirt', en: 'Taourirt Province' },
		towns: [
			t('taourirt', 'تاوريرت', 'Taourirt', 34.4073, -2.8973),
			t('el_aioun', 'العيون سيدي ملوك', 'El Aïoun Sidi Mellouk', 34.5833, -2.5),
			t('debdou', 'دبدو', 'Debdou', 34.2, -3.05)
		]
	},
	{
		code: 'jerada',
		name: { ar: 'إقليم جرادة', fr: 'Province de Jerada', en: 'Jerada Province' },
		towns: [
			t('jerada', 'جرادة', 'Jerada', 34.3117, -2.1636),
			t('ain_bni_mathar', 'عين بني مطهر', 'Aïn Bni Mathar', 34.0106, -2.0247),
			t('touissit', 'تويسيت', 'Touissit', 34.4833, -1.7667)
		]
	},
	{
		code: 'guercif',
		name: { ar: 'إقليم جرسيف', fr: 'Province de Guercif', en: 'Guercif Province' },
		towns: [
			t('guercif', 'جرسيف', 'Guercif', 34.2259, -3.3536),
			t('saka', 'صاكة', 'Saka', 34.62, -3.4),
			t('houara', 'هوارة أولاد رحو', 'Houara Oulad Raho', 34.32, -3.27)
		]
	},
	{
		code: 'figuig',
		name: { ar: 'إقليم فجيج', fr: 'Province de Figuig', en: 'Figuig Province' },
		towns: [
			t('figuig', 'فجيج', 'Figuig', 32.1094, -1.2286),
			t('bouarfa', 'بوعرفة', 'Bouarfa', 32.5319, -1.965),
			t('talsint', 'تالسينت', 'Talsint', 32.5333, -3.4333),
			t('bni_tadjit', 'بني تجيت', 'Bni Tadjit', 32.29, -3.47)
		]
	}
];

export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as [string, ...string[]];

export function findProvince(code: string | null | undefined) {
	return PROVINCES.find((p) => p.code === code) ?? null;
}

export function findTown(
	provinceCode: string | null | undefined,
	townCode: string | null | undefined
) {
	return findProvince(provinceCode)?.towns.find((t) => t.code === townCode) ?? null;
}

/** Partner countries offered first in forms (any ISO 3166 code is accepted). */
export const PARTNER_COUNTRIES = [
	'FR',
	'ES',
	'BE',
	'SN',
	'ML',
	'CI',
	'TN',
	'DZ',
	'MR',
	'BF',
	'NE',
	'DE',
	'IT',
	'PT'
];

/**
 * The partner countries' names, as Intl.DisplayNames gives them (tests/unit/numbers.test.ts
 * compares): in the browser, the first DisplayNames of a page loads the language's region names
 * (30 to 90 ms on the bench machine), and the search page names countries while it hydrates.
 */
export const COUNTRY_NAMES: Record<string, Record<Locale, string>> = {
	MA: { ar: 'المغرب', fr: 'Maroc', en: 'Morocco' },
	FR: { ar: 'فرنسا', fr: 'France', en: 'France' },
	ES: { ar: 'إسبانيا', fr: 'Espagne', en: 'Spain' },
	BE: { ar: 'بلجيكا', fr: 'Belgique', en: 'Belgium' },
	SN: { ar: 'السنغال', fr: 'Sénégal', en: 'Senegal' },
	ML: { ar: 'مالي', fr: 'Mali', en: 'Mali' },
	CI: { ar: 'ساحل العاج', fr: 'Côte d’Ivoire', en: 'Côte d’Ivoire' },
	TN: { ar: 'تونس', fr: 'Tunisie', en: 'Tunisia' },
	DZ: { ar: 'الجزائر', fr: 'Algérie', en: 'Algeria' },
	MR: { ar: 'موريتانيا', fr: 'Mauritanie', en: 'Mauritania' },
	BF: { ar: 'بوركينا فاسو', fr: 'Burkina Faso', en: 'Burkina Faso' },
	NE: { ar: 'النيجر', fr: 'Niger', en: 'Niger' },
	DE: { ar: 'ألمانيا', fr: 'Allemagne', en: 'Germany' },
	IT: { ar: 'إيطاليا', fr: 'Italie', en: 'Italy' },
	PT: { ar: 'البرتغال', fr: 'Portugal', en: 'Portugal' }
};

/** Country names in the user's language (`locale`: a UI language or an Intl locale such as ar-MA). */
export function countryName(code: string, locale: string): string {
	const known = COUNTRY_NAMES[code.toUpperCase()]?.[locale.slice(0, 2) as Locale];
	if (known) return known;
	try {
		return displayNames(locale, { type: 'region' }).of(code.toUpperCase()) ?? code;
	} catch {
		return code;
	}
}

/** Great-circle distance in kilometres. */
export function distanceKm(
	a: { lat: number; lng: number },
	b: { lat: number; lng: number }
): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLng = (b.lng - a.lng) * rad;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}
