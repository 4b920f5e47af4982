/**
 * Intl formatters, made once per locale and options. Constructing one costs far more than using
 * it (loading the locale's data): on the server, building one per number or date was most of a
 * profile page's rendering time.
 */
import type { Locale } from './locales';

/** The Intl locale of each UI language: Moroccan Arabic (Western digits), French, English. */
export const intlLocale = (locale: Locale) => (locale === 'ar' ? 'ar-MA' : locale);

const cache = new Map<string, unknown>();

function cached<T>(kind: string, locale: string, options: object | undefined, make: () => T): T {
	const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
	let f = cache.get(key) as T | undefined;
	if (!f) {
		f = make();
		cache.set(key, f);
	}
	return f;
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions) =>
	cached('n', locale, options, () => new Intl.NumberFormat(locale, options));

export const dateTimeFormat = (locale: string, options?: Intl.DateTimeFormatOptions) =>
	cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));

export const displayNames = (locale: string, options: Intl.DisplayNamesOptions) =>
	cached('dn', locale, options, () => new Intl.DisplayNames([locale], options));

export const listFormat = (locale: string, options?: Intl.ListFormatOptions) =>
	cached('l', locale, options, () => new Intl.ListFormat(locale, options));
