import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/i18n/locales';
import { labelOf } from '$lib/taxonomy/labels';
import { findCategory, findChain, findSector, findStage } from '$lib/taxonomy/taxonomy';
import { displayNames, listFormat, numberFormat } from '$lib/i18n/intl';

/**
 * Why an organization is suggested: structured (codes and taxonomy codes, never sentences), so the
 * server decides once and every reader sees it in their own language.
 */
export type Reason =
	| { code: 'two_way' }
	| { code: 'they_offer'; categories: string[] }
	| { code: 'they_seek'; categories: string[] }
	| { code: 'chain_adjacent'; chain: string | null; theirStage: string; yourStage: string }
	| { code: 'same_chain'; chain: string }
	| { code: 'same_sector'; sectors: string[] }
	| { code: 'languages'; languages: string[] }
	| { code: 'nearby'; km: number }
	| { code: 'verified' }
	| { code: 'active' };

type Find = (code: string) => { label: Record<Locale, string> } | null;
/** A taxonomy code as its label in `locale` (the code itself if the taxonomy lost it). */
const label = (find: Find) => (code: string, locale: Locale) => {
	const entry = find(code);
	return entry ? labelOf(entry.label, locale) : code;
};
const category = label(findCategory);
const stage = label(findStage);
const chain = label(findChain);
const sector = label(findSector);

export function languageName(code: string, locale: Locale): string {
	try {
		return displayNames(locale, { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** "honey, dates and figs", in the reader's language. */
const list = (codes: string[], name: (code: string, locale: Locale) => string, locale: Locale) =>
	listFormat(locale, { type: 'conjunction' }).format(codes.map((c) => name(c, locale)));

/** One reason as a sentence in `locale`. */
export function renderReason(reason: Reason, locale: Locale): string {
	const o = { locale };
	switch (reason.code) {
		case 'two_way':
			return m.match_reason_two_way({}, o);
		case 'they_offer':
			return m.match_reason_they_offer(
				{ categories: list(reason.categories, category, locale) },
				o
			);
		case 'they_seek':
			return m.match_reason_they_seek({ categories: list(reason.categories, category, locale) }, o);
		case 'chain_adjacent': {
			const stages = {
				theirStage: stage(reason.theirStage, locale),
				yourStage: stage(reason.yourStage, locale)
			};
			return reason.chain
				? m.match_reason_chain_adjacent({ chain: chain(reason.chain, locale), ...stages }, o)
				: m.match_reason_stage_adjacent(stages, o);
		}
		case 'same_chain':
			return m.match_reason_same_chain({ chain: chain(reason.chain, locale) }, o);
		case 'same_sector':
			return m.match_reason_same_sector({ sectors: list(reason.sectors, sector, locale) }, o);
		case 'languages':
			return m.match_reason_languages(
				{ languages: list(reason.languages, languageName, locale) },
				o
			);
		case 'nearby':
			return m.match_reason_nearby(
				{ km: numberFormat(locale, { maximumFractionDigits: 0 }).format(reason.km) },
				o
			);
		case 'verified':
			return m.match_reason_verified({}, o);
		case 'active':
			return m.match_reason_active({}, o);
	}
}
