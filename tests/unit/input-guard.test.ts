import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inputProblem, isUuid, MAX_INPUT_DEPTH } from '../../src/lib/server/input/input-guard';

describe('the input guard', () => {
	it('refuses NUL and lone surrogates anywhere, keys included', () => {
		expect(inputProblem('a\u0000b')).toBe('text');
		expect(inputProblem({ a: ['x', '\uD800'] })).toBe('text');
		expect(inputProblem({ 'k\u0000': 1 })).toBe('text');
		expect(inputProblem('\uDC00 tail')).toBe('text');
	});

	it('lets real text through: Arabic, RTL marks, emoji (surrogate pairs), bytes', () => {
		expect(
			inputProblem({ name: 'تعاونية\u200F 😀', n: 3, file: new Uint8Array([0, 0]) })
		).toBeNull();
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
				expect(inputProblem(s.replaceAll('\u0000', ''))).toBeNull();
			})
		);
	});

	it('refuses payloads deeper than the limit or with too many nodes', () => {
		let deep: unknown = 'x';
		for (let i = 0; i < MAX_INPUT_DEPTH + 1; i++) deep = { a: deep };
		expect(inputProblem(deep)).toBe('depth');
		expect(inputProblem(Array.from({ length: 20_000 }, () => 1))).toBe('size');
	});

	it('knows a uuid from 36 dashes', () => {
		expect(isUuid('3f1c2b9a-0d4e-4f6a-9b8c-7d6e5f4a3b2c')).toBe(true);
		expect(isUuid('-'.repeat(36))).toBe(false);
		expect(isUuid('0123456789abcdef0123456789abcdef----')).toBe(false);
	});
});
