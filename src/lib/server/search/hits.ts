import { LOCALES, type Locale } from '$lib/i18n/locales';
import type { SearchHit } from '$lib/search/results';
import { hasHit, type Segment } from '$lib/search/segments';
import type { OrganizationDocument } from './documents';
import { cropAround, highlightWords } from './highlight';

/** A document's texts with their matches marked, by language (from Meilisearch or our own). */
export interface MarkedTexts {
	name: Partial<Record<Locale, Segment[]>>;
	description: Partial<Record<Locale, Segment[]>>;
	listings: Partial<Record<Locale, Segment[][]>>;
}

export const SNIPPET_WORDS = 24;

/** The reader's language first, then Arabic, French, English. */
const preference = (locale: Locale): Locale[] => [locale, ...LOCALES.filter((l) => l !== locale)];

export function toHit(
	doc: OrganizationDocument,
	marked: MarkedTexts,
	locale: Locale,
	distanceKm: number | null,
	words: string[] = []
): SearchHit {
	// Meilisearch cannot mark "كسكس" inside "للكسكس" (one token to it); mark it ourselves.
	for (const l of LOCALES) {
		const name = doc[`name_${l}`];
		if (name && !hasHit(marked.name[l])) {
			const own = highlightWords(name, words);
			if (hasHit(own)) marked.name[l] = own;
		}
	}
	const order = preference(locale);
	const named = order.filter((l) => doc[`name_${l}`]);
	const primary = named[0];
	const name = marked.name[primary] ?? [{ text: doc[`name_${primary}`] ?? doc.slug }];
	const altLocale = hasHit(name) ? null : named.find((l) => hasHit(marked.name[l]));
	return {
		id: doc.id,
		slug: doc.slug,
		kind: doc.kind,
		partnerType: doc.partner_type,
		name,
		altName: altLocale ? marked.name[altLocale]! : null,
		snippet: snippetOf(doc, marked, order),
		place: doc[`place_${locale}`],
		province: doc.province,
		country: doc.country,
		verified: doc.verified,
		womenLed: doc.women_led,
		distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
		offers: doc.offer_categories,
		needs: doc.need_categories,
		sectors: doc.sectors,
		logoPath: doc.logo_path
	};
}

/** A description that matched, else an offer or need that matched, else the description. */
function snippetOf(doc: OrganizationDocument, marked: MarkedTexts, order: Locale[]) {
	for (const l of order) {
		const d = marked.description[l];
		if (hasHit(d)) return d!;
	}
	for (const l of order) {
		const listing = marked.listings[l]?.find((x) => hasHit(x));
		if (listing) return cropAround(listing, SNIPPET_WORDS);
	}
	for (const l of order) {
		const d = marked.description[l];
		if (d?.length) return d;
		const raw = doc[`description_${l}`];
		if (raw) return cropAround([{ text: raw }], SNIPPET_WORDS);
	}
	return null;
}
