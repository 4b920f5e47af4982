import type { Locale } from '$lib/i18n/locales';
import { dateTimeFormat } from '$lib/i18n/intl';

const INTL_LOCALE: Record<Locale, string> = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };

/** A message time in the reader's language: the hour today, the date before that. */
export function formatMessageTime(iso: string, locale: Locale, now = new Date()) {
	const d = new Date(iso);
	const sameDay = d.toDateString() === now.toDateString();
	return dateTimeFormat(INTL_LOCALE[locale], {
		...(sameDay ? {} : { day: 'numeric', month: 'short' }),
		hour: '2-digit',
		minute: '2-digit'
	}).format(d);
}

const FSI = String.fromCodePoint(0x2068);
const PDI = String.fromCodePoint(0x2069);

/**
 * Names written by people, isolated (FSI…PDI) inside a sentence of the interface, so a Latin
 * name does not turn an Arabic sentence around (nor an Arabic name a French one).
 */
export const isolate = (...names: string[]) => names.map((n) => `${FSI}${n}${PDI}`).join('، ');
