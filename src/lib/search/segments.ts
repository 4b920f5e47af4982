/**
 * Highlighted text travels as segments, never as HTML: the page renders each segment as text
 * (escaped by Svelte) and wraps the matching ones in <mark>. User text can hold "<script>" and
 * still only ever be text.
 */
export interface Segment {
	text: string;
	hit?: true;
}

export function plainText(segments: Segment[]): string {
	return segments.map((s) => s.text).join('');
}

export function hasHit(segments: Segment[] | null | undefined): boolean {
	return !!segments?.some((s) => s.hit);
}
