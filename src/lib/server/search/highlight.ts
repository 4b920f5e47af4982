import type { Segment } from '$lib/search/segments';
import { articleLength, foldText, foldWithMap } from './text';

/**
 * Meilisearch's typo budget for a query word (typoTolerance in indexes.ts): none under 4 letters,
 * one from 4, two from 8.
 */
export function typoBudget(length: number): number {
	return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * Edit distance with transpositions (optimal string alignment) from `a` to `b`, or to the closest
 * beginning of `b` when `prefix`; Infinity once above `max`.
 */
export function editDistance(a: string, b: string, max: number, prefix = false): number {
	return align(a, b, max, prefix).distance;
}

/** The distance, and how many letters of `b` it spans (all of them unless `prefix`). */
function align(a: string, b: string, max: number, prefix: boolean) {
	const none = { distance: Infinity, length: 0 };
	if (prefix) b = b.slice(0, a.length + max);
	else if (Math.abs(a.length - b.length) > max) return none;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	let current = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, before[j - 2] + 1);
			current[j] = d;
			if (d < rowMin) rowMin = d;
		}
		if (rowMin > max) return none;
		[before, previous, current] = [previous, current, before];
	}
	let length = b.length;
	// For a prefix: the longest beginning of b at the smallest distance.
	if (prefix)
		for (let j = b.length - 1; j >= 0; j--) if (previous[j] < previous[length]) length = j;
	return previous[length] <= max ? { distance: previous[length], length } : none;
}

/**
 * How much of a folded text token a query word matches with typos, as Meilisearch would: the
 * whole token, or (a word still being typed) its beginning; 0 when it does not. A typo on the
 * first letter costs two.
 */
function typoMatch(word: string, token: string): number {
	const max = typoBudget(word.length) - (token[0] === word[0] ? 0 : 1);
	if (max < 1) return 0;
	if (editDistance(word, token, max) <= max) return token.length;
	return token.length > word.length ? align(word, token, max, true).length : 0;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Spans [start, end) of folded `text` that `words` match: inside a word, or a word with typos. */
function matchSpans(folded: string, words: string[]): [number, number][] {
	const spans: [number, number][] = [];
	const typoWords: string[] = [];
	for (const word of words) {
		let from = 0;
		for (;;) {
			const at = folded.indexOf(word, from);
			if (at === -1) break;
			spans.push([at, at + word.length]);
			from = at + word.length;
		}
		if (!from && typoBudget(word.length)) typoWords.push(word);
	}
	if (typoWords.length)
		for (const m of folded.matchAll(TOKEN)) {
			// Meilisearch finds "كسكسي" in "للكسكس" through the stem indexed without its article.
			const article = articleLength(m[0]);
			for (const word of typoWords) {
				let at = m.index;
				let length = typoMatch(word, m[0]);
				if (!length && article) {
					at += article;
					length = typoMatch(word, m[0].slice(article));
				}
				if (length) spans.push([at, at + length]);
			}
		}
	return spans;
}

/** Whether the query words match the text (folded), with Meilisearch's typo tolerance. */
export function matchesWords(text: string, words: string[]): boolean {
	return words.length > 0 && matchSpans(foldText(text), words).length > 0;
}

/**
 * Marks what the (folded) query words match in `text`: on folded text, so that "الامل" marks
 * "الأَمَل" and "cooperative" marks "Coopérative"; inside words, so that "كسكس" marks it in
 * "للكسكس" (one token to Meilisearch); and with Meilisearch's typo tolerance, so that
 * "coperative" marks "Coopérative" as the search found it.
 */
export function highlightWords(text: string, words: string[]): Segment[] {
	if (!words.length || !text) return [{ text }];
	// foldText is the fast path of foldWithMap: the same folded text, without the map.
	const spans = matchSpans(foldText(text), words);
	if (!spans.length) return [{ text }];
	const { origin } = foldWithMap(text);
	const marked = new Array<boolean>(text.length).fill(false);
	for (const [from, to] of spans) {
		const start = origin[from];
		// Extend to the end of the original character (surrogates, dropped marks after it).
		const end = to < origin.length ? origin[to] : text.length;
		for (let i = start; i < end; i++) marked[i] = true;
	}
	const out: Segment[] = [];
	for (let i = 0; i < text.length;) {
		let j = i;
		while (j < text.length && marked[j] === marked[i]) j++;
		out.push(marked[i] ? { text: text.slice(i, j), hit: true } : { text: text.slice(i, j) });
		i = j;
	}
	return out;
}

/**
 * About `words` words of the text around its first match (the whole text when short), with an
 * ellipsis where it was cut, like Meilisearch's crop.
 */
export function cropAround(segments: Segment[], words: number): Segment[] {
	const text = segments.map((s) => s.text).join('');
	const starts = [...text.matchAll(/\S+/g)].map((match) => match.index);
	if (starts.length <= words) return segments;
	let firstHit = 0;
	for (let pos = 0, i = 0; i < segments.length; pos += segments[i].text.length, i++) {
		if (segments[i].hit) {
			firstHit = pos;
			break;
		}
	}
	const hitWord = Math.max(
		0,
		starts.findLastIndex((s) => s <= firstHit)
	);
	const first = Math.max(0, Math.min(hitWord - 3, starts.length - words));
	const from = starts[first];
	const to = first + words < starts.length ? starts[first + words] : text.length;
	const out: Segment[] = from > 0 ? [{ text: '…' }] : [];
	for (let pos = 0, i = 0; i < segments.length; pos += segments[i].text.length, i++) {
		const a = Math.max(pos, from);
		const b = Math.min(pos + segments[i].text.length, to);
		if (b > a) out.push({ ...segments[i], text: segments[i].text.slice(a - pos, b - pos) });
	}
	if (to < text.length) {
		const last = out[out.length - 1];
		if (last && !last.hit) last.text = last.text.trimEnd();
		out.push({ text: '…' });
	}
	return merge(out);
}

function merge(segments: Segment[]): Segment[] {
	const out: Segment[] = [];
	for (const s of segments) {
		const last = out[out.length - 1];
		if (last && !!last.hit === !!s.hit) last.text += s.text;
		else if (s.text) out.push({ ...s });
	}
	return out;
}
