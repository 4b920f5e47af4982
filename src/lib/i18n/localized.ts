import type { Locale } from './locales';

/**
 * Content written by people in several languages (names, descriptions): the reader's language
 * first, then the others. Returns the text and its language, so the markup can set `lang`/`dir`.
 */
export function pickLocalized(
	values: Partial<Record<Locale, string | null | undefined>>,
	locale: Locale
): { text: string; lang: Locale } {
	const order: Locale[] = [locale, ...(['ar', 'fr', 'en'] as Locale[]).filter((l) => l !== locale)];
	for (const l of order) {
		const v = values[l];
		if (v && v.trim()) return { text: v, lang: l };
	}
	return { text: '', lang: locale };
}

/** Row columns like name_ar / name_fr / name_en as one value per locale. */
export function columnsOf<T extends Record<string, unknown>>(
	row: T,
	prefix: string
): Record<Locale, string | null> {
	return {
		ar: (row[`${prefix}_ar`] as string) ?? null,
		fr: (row[`${prefix}_fr`] as string) ?? null,
		en: (row[`${prefix}_en`] as string) ?? null
	};
}
