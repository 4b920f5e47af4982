import type { Segment } from '$lib/search/segments';
import { foldText, foldWithMap, MARK_END, MARK_START } from './text';

/** Meilisearch's `_formatted` text, marked with our private-use tags, as segments. */
export function segmentsFromMarked(marked: string): Segment[] {
	const out: Segment[] = [];
	let rest = marked;
	while (rest.length) {
		const start = rest.indexOf(MARK_START);
		if (start === -1) {
			out.push({ text: rest });
			break;
		}
		if (start > 0) out.push({ text: rest.slice(0, start) });
		const end = rest.indexOf(MARK_END, start + 1);
		const hit = rest.slice(start + 1, end === -1 ? undefined : end);
		if (hit) out.push({ text: hit, hit: true });
		rest = end === -1 ? '' : rest.slice(end + 1);
	}
	return merge(out);
}

/**
 * Marks every occurrence of the (folded) query words in `text`, matching on folded text so that
 * "الامل" marks "الأَمَل" and "cooperative" marks "Coopérative". Used by the degraded search.
 */
export function highlightWords(text: string, words: string[]): Segment[] {
	if (!words.length || !text) return [{ text }];
	const quick = foldText(text);
	if (!words.some((w) => quick.includes(w))) return [{ text }];
	const { folded, origin } = foldWithMap(text);
	const marked = new Array<boolean>(text.length).fill(false);
	for (const word of words) {
		let from = 0;
		for (;;) {
			const at = folded.indexOf(word, from);
			if (at === -1) break;
			const start = origin[at];
			const lastFolded = at + word.length - 1;
			// Extend to the end of the original character (surrogates, dropped marks after it).
			const end = lastFolded + 1 < origin.length ? origin[lastFolded + 1] : text.length;
			for (let i = start; i < end; i++) marked[i] = true;
			from = at + word.length;
		}
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
