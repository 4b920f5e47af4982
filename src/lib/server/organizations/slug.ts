/**
 * URL slugs for organizations: generated once from the name, then never changed (shared links
 * and search results keep working after a rename). Latin names are preferred; an Arabic-only name
 * is transliterated the way Moroccan names usually are in French (و → ou, ش → ch), so that
 * "تاوريرت" gives "taourirt" and "وجدة" gives "oujda".
 */
// prettier-ignore
const ARABIC: Record<string, string> = {
	ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ء: '', ؤ: 'ou', ئ: 'i', ب: 'b', ت: 't', ث: 'th',
	ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'ch', ص: 's', ض: 'd',
	ط: 't', ظ: 'dh', ع: '', غ: 'gh', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h',
	و: 'ou', ي: 'i', ى: 'a', ة: 'a', ڤ: 'v', گ: 'g', ک: 'k', پ: 'p', ی: 'i'
};
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

export const SLUG_MAX = 60;

export function transliterateArabic(text: string): string {
	return (
		text
			// Arabic-Indic digits, then harakat and tatweel (they carry no letters).
			.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
			.replace(/[\u064B-\u065F\u0670\u0640]/g, '')
			// The article reads as "al-" at the start of a word.
			.replace(/(^|\s)ال(?=\p{L})/gu, '$1al-')
			.replace(/[\u0600-\u06FF]/g, (ch) => ARABIC[ch] ?? '')
	);
}

/** The slug's base from a name in any of the three languages ('' when nothing usable is left). */
export function slugify(text: string): string {
	const latin = transliterateArabic(text)
		.toLowerCase()
		.replace(/[œæßøłđ]/g, (ch) => LIGATURES[ch])
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		// l'huile → lhuile: an apostrophe does not start a new word.
		.replace(/['’`ʼ]/g, '');
	let slug = latin.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	if (slug.length > SLUG_MAX) {
		slug = slug.slice(0, SLUG_MAX);
		const cut = slug.lastIndexOf('-');
		slug = (cut >= 20 ? slug.slice(0, cut) : slug).replace(/-+$/, '');
	}
	return slug.length >= 3 ? slug : '';
}

/** Base slug for an organization: French, then English, then Arabic name; 'organization' if none fits. */
export function baseSlug(name: { ar?: string | null; fr?: string | null; en?: string | null }) {
	for (const candidate of [name.fr, name.en, name.ar]) {
		const slug = candidate ? slugify(candidate) : '';
		if (slug) return slug;
	}
	return 'organization';
}

/** The first free slug among base, base-2, base-3, … given the slugs already taken. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		const slug = `${base}-${n}`;
		if (!used.has(slug)) return slug;
	}
}
