import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

/**
 * Malformed input for property tests: wrong types, huge and hostile strings (NUL, lone surrogates,
 * right-to-left overrides), deep objects, negative, huge and non-finite numbers. `shaped` follows a
 * procedure's zod schema so that most fields are plausible and one or two are hostile: that is the
 * input that gets past the first check and reaches the database.
 */
function deep(depth: number): unknown {
	let v: unknown = 'x';
	for (let i = 0; i < depth; i++) v = { a: v };
	return v;
}

export const hostileStrings = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'abc\u0000def',
		'\uD800',
		'tail\uDFFF',
		'\u202Eevil\u202C',
		'\u200F\u200E\u061C',
		'تعاونية\u0000',
		"' OR 1=1 --",
		'%00',
		'../../etc/passwd',
		'<script>alert(1)</script>',
		'00000000-0000-0000-0000-000000000000',
		'ffffffff-ffff-ffff-ffff-ffffffffffff',
		'not-a-uuid',
		'-'.repeat(36),
		'0123456789abcdef0123456789abcdef----',
		'9999999999999999999999',
		'-1',
		'NaN',
		'2026-02-30',
		'0000-00-00',
		'a'.repeat(10_000),
		'ب'.repeat(5_000),
		'😀'.repeat(3_000)
	),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 })
);

export const hostileNumbers = fc.oneof(
	fc.constantFrom(
		-1,
		0,
		-0,
		0.5,
		2 ** 31,
		2 ** 53,
		2 ** 63,
		Number.MAX_SAFE_INTEGER,
		Number.MAX_VALUE,
		-Number.MAX_VALUE,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		Number.NEGATIVE_INFINITY
	),
	fc.double(),
	fc.integer({ min: -(2 ** 31), max: 2 ** 31 })
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: hostileStrings },
	{ weight: 3, arbitrary: hostileNumbers },
	fc.constantFrom(null, undefined, true, false, [], {}, [null], { __proto__: null }),
	fc.constantFrom(
		deep(40),
		deep(5),
		Array.from({ length: 2000 }, () => 1)
	),
	fc.constantFrom({ constructor: { prototype: { polluted: true } } }, { toString: 'x' }),
	fc.anything({ maxDepth: 3 })
);

/** Ids of real rows, so that plausible input sometimes names something that exists. */
export const knownIds: string[] = [];

type ZodLike = { _zod: { def: Record<string, unknown> & { type: string } } };

/** A plausible value for a zod schema (zod 4 internals; unknown kinds get a hostile value). */
function plausible(schema: ZodLike, depth = 0): fc.Arbitrary<unknown> {
	const def = schema._zod.def;
	if (depth > 6) return hostileValue;
	switch (def.type) {
		case 'object': {
			const shape = def.shape as Record<string, ZodLike>;
			return fc.record(
				Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, plausible(v, depth + 1)]))
			);
		}
		case 'optional':
		case 'nullable':
		case 'default':
		case 'prefault':
		case 'readonly':
		case 'catch':
		case 'nonoptional':
			return plausible(def.innerType as ZodLike, depth + 1);
		case 'pipe': {
			const inner = def.in as ZodLike;
			return plausible(
				inner._zod.def.type === 'transform' ? (def.out as ZodLike) : inner,
				depth + 1
			);
		}
		case 'intersection':
			return fc
				.tuple(
					plausible(def.left as ZodLike, depth + 1),
					plausible(def.right as ZodLike, depth + 1)
				)
				.map(([a, b]) => ({ ...(a as object), ...(b as object) }));
		case 'string': {
			const format = def.format as string | undefined;
			if (format === 'uuid' || format === 'guid')
				return fc.oneof(
					fc.constant(null).map(() => randomUUID()),
					fc
						.constant(null)
						.chain(() => (knownIds.length ? fc.constantFrom(...knownIds) : fc.uuid()))
				);
			if (format === 'email') return fc.emailAddress();
			if (format === 'datetime') return fc.constant(new Date().toISOString());
			return fc.string({ maxLength: 12 });
		}
		case 'number':
			return fc.integer({ min: 1, max: 5 });
		case 'boolean':
			return fc.boolean();
		case 'enum':
			return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
		case 'literal':
			return fc.constantFrom(...(def.values as unknown[]));
		case 'array':
			return fc.array(plausible(def.element as ZodLike, depth + 1), { maxLength: 3 });
		case 'union':
			return fc.oneof(...(def.options as ZodLike[]).map((o) => plausible(o, depth + 1)));
		case 'void':
		case 'undefined':
			return fc.constant(undefined);
		default:
			return hostileValue;
	}
}

/** Replaces some leaves of a plausible value with hostile ones. */
function spoil(value: unknown, rate: number): fc.Arbitrary<unknown> {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const entries = Object.entries(value);
		return fc
			.tuple(...entries.map(([, v]) => spoil(v, rate)))
			.map((vals) => Object.fromEntries(entries.map(([k], i) => [k, vals[i]])));
	}
	return fc.oneof(
		{ weight: Math.round((1 - rate) * 10), arbitrary: fc.constant(value) },
		{ weight: Math.round(rate * 10), arbitrary: hostileValue }
	);
}

/** Malformed input for a procedure with these zod inputs. */
export function badInputFor(inputs: unknown[]): fc.Arbitrary<unknown> {
	const schema = inputs[0] as ZodLike | undefined;
	if (!schema) return hostileValue;
	return fc.oneof(
		{ weight: 1, arbitrary: hostileValue },
		{ weight: 3, arbitrary: plausible(schema).chain((v) => spoil(v, 0.3)) }
	);
}

/** A plausible input with every string replaced by `text` (deterministic first example). */
export function everyStringAs(inputs: unknown[], text: string): unknown {
	const schema = inputs[0] as ZodLike | undefined;
	if (!schema) return text;
	const swap = (v: unknown): unknown =>
		typeof v === 'string'
			? /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v)
				? v
				: text
			: Array.isArray(v)
				? v.map(swap)
				: v && typeof v === 'object'
					? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]))
					: v;
	return swap(fc.sample(plausible(schema), { numRuns: 1, seed: 42 })[0]);
}
