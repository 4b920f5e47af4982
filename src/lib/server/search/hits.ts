import { LOCALES, type Locale } from '$lib/i18n/locales';
import type { SearchHit } from '$lib/search/results';
import { hasHit, type Segment } from '$lib/search/segments';
import type { OrganizationDocument } from './documents';
import { cropAround, highlightWords, matchesWords } from './highlight';

/** A document's names with their matches marked, by language. */
export type NamesMarked = Partial<Record<Locale, Segment[]>>;

export const SNIPPET_WORDS = 24;

/** The names with the query words marked (folded, inside words, with typos), by language. */
export function markNames(doc: OrganizationDocument, words: string[]): NamesMarked {
	const out: NamesMarked = {};
	for (const l of LOCALES) {
		const name = doc[`name_${l}`];
		if (name) out[l] = highlightWords(name, words);
	}
	return out;
}

/** The reader's language first, then Arabic, French, English. */
const preference = (locale: Locale): Locale[] => [locale, ...LOCALES.filter((l) => l !== locale)];

export function toHit(
	doc: OrganizationDocument,
	names: NamesMarked,
	words: string[],
	locale: Locale,
	distanceKm: number | null
): SearchHit {
	const order = preference(locale);
	const named = order.filter((l) => doc[`name_${l}`]);
	const primary = named[0];
	const name = names[primary] ?? [{ text: doc[`name_${primary}`] ?? doc.slug }];
	const altLocale = hasHit(name) ? null : named.find((l) => hasHit(names[l]));
	return {
		id: doc.id,
		slug: doc.slug,
		kind: doc.kind,
		partnerType: doc.partner_type,
		name,
		altName: altLocale ? names[altLocale]! : null,
		snippet: snippetOf(doc, words, order),
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

/**
 * A description that matched, else an offer or need that matched, else the description; marked
 * and cropped here (asking Meilisearch to crop and mark them doubled its time per search). Texts
 * are marked only once a cheap folded check says they match.
 */
function snippetOf(doc: OrganizationDocument, words: string[], order: Locale[]): Segment[] | null {
	const matches = (text: string) => matchesWords(text, words);
	const snippet = (text: string) => cropAround(highlightWords(text, words), SNIPPET_WORDS);
	if (words.length) {
		for (const l of order) {
			const d = doc[`description_${l}`];
			if (d && matches(d)) return snippet(d);
		}
		for (const l of order) {
			const listing = (doc[`listings_${l}`] ?? []).find(matches);
			if (listing) return snippet(listing);
		}
	}
	for (const l of order) {
		const d = doc[`description_${l}`];
		if (d) return cropAround([{ text: d }], SNIPPET_WORDS);
	}
	return null;
}
