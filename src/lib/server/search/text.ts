/**
 * Text normalisation for search, shared by the documents we send to Meilisearch, the degraded
 * search in PostgreSQL and its highlighter. Meilisearch folds Arabic letter variants itself; the
 * degraded path must fold the same way so that both answer the same query alike.
 */

// Harakat (short vowels, shadda, sukun, tanwin), Quranic marks and the superscript alef.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/;
const TATWEEL = '\u0640';
const ARABIC_FOLD: Record<string, string> = {
	أ: 'ا',
	إ: 'ا',
	آ: 'ا',
	ٱ: 'ا',
	ة: 'ه',
	ى: 'ي',
	ؤ: 'و',
	ئ: 'ي'
};
const LATIN_FOLD: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };
// Typographic apostrophes and quotes: "l’huile" and "l'huile" are the same word.
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/;

/**
 * Private-use characters that marked Meilisearch's highlights (the app marks matches itself now,
 * highlight.ts); still stripped from document texts and queries, where they have no business.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKS = /[\uE000\uE001]/g;

export function stripMarks(text: string): string {
	return text.replace(MARKS, '');
}

// Folding runs on every search result's texts: remember each character's folded form, in a
// table for Latin and Arabic (the letters of nearly every text), in a map for the rest.
const TABLE_SIZE = 0x800;
const table: (string | undefined)[] = new Array(TABLE_SIZE).fill(undefined);
const folds = new Map<string, string>();

/** The folded form of one character (possibly empty, possibly two characters). */
function foldChar(ch: string): string {
	const code = ch.charCodeAt(0);
	if (code < TABLE_SIZE) return (table[code] ??= computeFold(ch));
	let f = folds.get(ch);
	if (f === undefined) {
		f = computeFold(ch);
		if (folds.size < 20_000) folds.set(ch, f);
	}
	return f;
}

function computeFold(ch: string): string {
	if (ch === TATWEEL || ARABIC_MARKS.test(ch)) return '';
	const arabic = ARABIC_FOLD[ch];
	if (arabic) return arabic;
	if (APOSTROPHES.test(ch)) return "'";
	const lower = ch.toLowerCase();
	const latin = LATIN_FOLD[lower];
	if (latin) return latin;
	return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * Folds text and keeps, for each folded character, the index of the original character it came
 * from, so that a match found in folded text can be marked in the original.
 */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
	let folded = '';
	const origin: number[] = [];
	let i = 0;
	for (const ch of text) {
		const f = foldChar(ch);
		for (let k = 0; k < f.length; k++) origin.push(i);
		folded += f;
		i += ch.length;
	}
	return { folded, origin };
}

export function foldText(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		// ASCII, most of French and English: lower case is all the folding there is.
		if (code < 128 && code !== 96) {
			out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
			continue;
		}
		if (code < TABLE_SIZE) {
			out += table[code] ?? foldChar(text[i]);
			continue;
		}
		const ch = String.fromCodePoint(text.codePointAt(i)!);
		out += foldChar(ch);
		i += ch.length - 1;
	}
	return out;
}

// Proclitics that Meilisearch's tokenizer leaves attached (it splits a bare "ال" only):
// "للكسكس" (for the couscous), "والعسل" (and the honey), "بالزيتون" (with olives).
const ATTACHED_ARTICLE = /^(?:وال|بال|كال|فال|لل)(?=\p{L}{3})/u;
const ARTICLE = /^(?:ال|وال|بال|كال|فال|لل)(?=\p{L}{2})/u;

/**
 * Stems Meilisearch cannot find by itself in Arabic text: each word that carries an attached
 * article, without it. Indexed in a low-priority field so that "الكسكس" finds "للكسكس".
 */
export function arabicStems(texts: (string | null | undefined)[]): string[] {
	const stems = new Set<string>();
	for (const text of texts) {
		if (!text) continue;
		for (const word of text.split(/[^\p{L}\p{M}\u0640]+/u)) {
			const plain = word.replace(new RegExp(`${ARABIC_MARKS.source}|${TATWEEL}`, 'g'), '');
			const stripped = plain.replace(ATTACHED_ARTICLE, '');
			if (stripped !== plain) stems.add(stripped);
		}
	}
	return [...stems];
}

/**
 * The query as sent to Meilisearch: marks and tatweel removed, alef variants folded (so that a
 * leading "أل" is still recognised as the article), spaces collapsed, length bounded.
 */
export function normalizeQuery(q: string): string {
	let out = '';
	for (const ch of stripMarks(q)) {
		if (ch === TATWEEL || ARABIC_MARKS.test(ch)) continue;
		out += ch === 'أ' || ch === 'إ' || ch === 'آ' || ch === 'ٱ' ? 'ا' : ch;
	}
	return out.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** How many letters of a folded word are an Arabic article, bare or attached (وال، لل…); 0 if none. */
export function articleLength(word: string): number {
	return ARTICLE.exec(word)?.[0].length ?? 0;
}

/**
 * Query words for the degraded search and its highlighter: folded, split on anything that is not
 * a letter or digit (so "l'huile" gives "huile"), the Arabic article removed, one-letter words
 * (French elisions) and duplicates dropped.
 */
export function queryTokens(q: string): string[] {
	const tokens = foldText(normalizeQuery(q))
		.split(/[^\p{L}\p{N}]+/u)
		.map((t) => t.replace(ARTICLE, ''))
		.filter((t) => t.length >= 2 && t !== 'ال');
	return [...new Set(tokens)].slice(0, 10);
}
