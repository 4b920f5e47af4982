import { describe, expect, it } from 'vitest';
import { formatMessageTime } from '../../src/lib/chat/format';

describe('message times in the reader’s language', () => {
	const now = new Date(2026, 11, 4, 18, 0);
	const today = new Date(2026, 11, 4, 14, 5).toISOString();
	const earlier = new Date(2026, 10, 28, 9, 30).toISOString();

	it('today: the hour only, on a 24-hour clock as in Morocco', () => {
		for (const locale of ['ar', 'fr', 'en'] as const)
			expect(formatMessageTime(today, locale, now)).toBe('14:05');
	});

	it('before today: the date too, with the month named in the reader’s language', () => {
		expect(formatMessageTime(earlier, 'ar', now)).toContain('نونبر');
		expect(formatMessageTime(earlier, 'fr', now)).toContain('nov.');
		expect(formatMessageTime(earlier, 'en', now)).toContain('Nov');
		for (const locale of ['ar', 'fr', 'en'] as const)
			expect(formatMessageTime(earlier, locale, now)).toMatch(/28.*09:30/);
	});
});
