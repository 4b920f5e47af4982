/**
 * A guard every procedure and socket request passes before its own schema: text that PostgreSQL
 * or a JSON encoder cannot hold (NUL, lone UTF-16 surrogates) and absurdly deep or wide payloads
 * are refused as bad input at the edge, instead of failing deep inside a query with a 500.
 */
export const MAX_INPUT_DEPTH = 16;
export const MAX_INPUT_NODES = 10_000;

// NUL (PostgreSQL text cannot store it) and lone surrogates (not valid Unicode: they would be
// silently replaced by U+FFFD on the way to the database).
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type InputProblem = 'text' | 'depth' | 'size';

/** The first problem found in a raw input, or null when it may go on to its schema. */
export function inputProblem(value: unknown): InputProblem | null {
	let nodes = 0;
	const visit = (v: unknown, depth: number): InputProblem | null => {
		if (++nodes > MAX_INPUT_NODES) return 'size';
		if (typeof v === 'string') return BAD_TEXT.test(v) ? 'text' : null;
		if (v === null || typeof v !== 'object') return null;
		if (depth >= MAX_INPUT_DEPTH) return 'depth';
		// Bytes passed in-process (an uploaded file) are data, not text.
		if (ArrayBuffer.isView(v)) return null;
		const children = Array.isArray(v) ? v : Object.entries(v).flat();
		for (const child of children) {
			const problem = visit(child, depth + 1);
			if (problem) return problem;
		}
		return null;
	};
	return visit(value, 0);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A string PostgreSQL accepts as a uuid (36 dashes, say, would fail the query with a 500). */
export const isUuid = (s: string) => UUID.test(s);
