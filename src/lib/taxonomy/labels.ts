import type { Locale } from '$lib/i18n/locales';

/** A label in the three UI languages. Taxonomy and geography carry their own labels (data, not UI copy). */
export type Labels = Record<Locale, string>;

export function labelOf(labels: Labels, locale: Locale): string {
	return labels[locale] || labels.fr || labels.ar;
}
