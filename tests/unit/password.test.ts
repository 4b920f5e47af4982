import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from '../../src/lib/server/auth/password';
import { safeRedirect } from '../../src/lib/server/forms';

describe('password strength', () => {
	it.each(['password', 'azerty123', 'motdepasse', '123456789', 'marrakech2024', 'bonjour123'])(
		'refuses %s',
		(pw) => {
			expect(checkPasswordStrength(pw, 'fr').ok).toBe(false);
		}
	);

	it('accepts a long passphrase', () => {
		expect(checkPasswordStrength('couscous-taourirt-tisserandes-9', 'ar').ok).toBe(true);
	});

	it('gives its advice in the asked language', () => {
		const ar = checkPasswordStrength('password', 'ar');
		const en = checkPasswordStrength('password', 'en');
		expect(ar.advice.join(' ')).toMatch(/[\u0600-\u06FF]/);
		expect(en.advice.join(' ')).toMatch(/common/i);
	});
});

describe('redirects after sign-in', () => {
	it.each([
		['/account', '/account'],
		['//evil.example/x', '/'],
		['/\\evil.example', '/'],
		['https://evil.example', '/'],
		[null, '/']
	])('%s -> %s', (input, expected) => {
		expect(safeRedirect(input)).toBe(expected);
	});
});
