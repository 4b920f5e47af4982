import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNumber, formatPercent } from '../../src/lib/i18n/numbers';
import { intlLocale } from '../../src/lib/i18n/intl';
import { LOCALES } from '../../src/lib/i18n/locales';
import { COUNTRY_NAMES, PARTNER_COUNTRIES, countryName } from '../../src/lib/taxonomy/geography';

// The page's numbers and country names skip Intl in the browser (its first use on a page costs
// tens of milliseconds); these tests hold them to what Intl writes, so server and browser, and
// the hand-written path and Intl, never disagree.
const intl = (n: number, locale: (typeof LOCALES)[number], digits = 3) =>
	new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(n);

describe('formatNumber', () => {
	it('writes counts as Intl does, with each language’s separators', () => {
		expect(formatNumber(1234567, 'ar')).toBe('1.234.567');
		expect(formatNumber(1234567, 'fr')).toBe('1\u202f234\u202f567');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
		expect(formatNumber(12.5, 'fr', 1)).toBe('12,5');
		expect(formatNumber(999, 'ar')).toBe('999');
	});

	it('agrees with Intl on integers, decimals, halves and digit counts', () => {
		const edge = [
			0, 1, 9, 10, 999, 1000, 1001, 9999, 10000, 123456, 1e6, 0.5, 1.5, 2.5, 0.0005, 1.005, 12.345,
			999.9996, 1e20, 123456789.987654
		];
		for (const locale of LOCALES)
			for (const digits of [0, 1, 2, 3])
				for (const n of edge)
					expect(formatNumber(n, locale, digits), `${n} ${locale} ${digits}`).toBe(
						intl(n, locale, digits)
					);
		fc.assert(
			fc.property(
				fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e15, noNaN: true })),
				fc.constantFrom(...LOCALES),
				fc.integer({ min: 0, max: 3 }),
				(n, locale, digits) => formatNumber(n, locale, digits) === intl(n, locale, digits)
			),
			{ numRuns: 5000 }
		);
	});

	it('hands negative and non-finite numbers to Intl', () => {
		for (const locale of LOCALES)
			for (const n of [-1234.5, -0, NaN, Infinity, 1e21])
				expect(formatNumber(n, locale)).toBe(intl(n, locale));
	});
});

describe('formatPercent', () => {
	const intlPercent = (ratio: number, locale: (typeof LOCALES)[number], digits = 1) =>
		new Intl.NumberFormat(intlLocale(locale), {
			style: 'percent',
			maximumFractionDigits: digits
		}).format(ratio);

	it('writes shares as Intl’s percent style does', () => {
		expect(formatPercent(0.125, 'fr')).toBe('12,5\u00a0%');
		expect(formatPercent(0.5, 'en')).toBe('50%');
		const edge = [0, 1, 0.5, 0.125, 0.145, 0.00145, 0.0005, 0.9995, 0.07, 3.5, 12.3456, 0.333333];
		for (const locale of LOCALES)
			for (const digits of [0, 1, 2])
				for (const r of edge)
					expect(formatPercent(r, locale, digits), `${r} ${locale}`).toBe(
						intlPercent(r, locale, digits)
					);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.double({ min: 0, max: 1, noNaN: true }),
					fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000)
				),
				fc.constantFrom(...LOCALES),
				fc.integer({ min: 0, max: 2 }),
				(r, locale, digits) => formatPercent(r, locale, digits) === intlPercent(r, locale, digits)
			),
			{ numRuns: 5000 }
		);
		expect(formatPercent(-0.5, 'ar')).toBe(intlPercent(-0.5, 'ar'));
	});
});

describe('countryName', () => {
	it('names every partner country without Intl, as Intl does', () => {
		for (const code of PARTNER_COUNTRIES) expect(COUNTRY_NAMES[code], code).toBeDefined();
		for (const code of Object.keys(COUNTRY_NAMES))
			for (const locale of LOCALES) {
				const expected = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
				expect(countryName(code, locale), `${code} ${locale}`).toBe(expected);
				expect(countryName(code.toLowerCase(), intlLocale(locale))).toBe(expected);
			}
	});

	it('asks Intl for any other country, and keeps an unknown code', () => {
		expect(countryName('JP', 'fr')).toBe('Japon');
		expect(countryName('ZZ', 'en')).toBe(
			new Intl.DisplayNames(['en'], { type: 'region' }).of('ZZ')
		);
	});
});

describe('the browser’s start-up', () => {
	it('formats numbers and names partner countries without building an Intl formatter', () => {
		const made: string[] = [];
		const { NumberFormat, DisplayNames } = Intl;
		Object.assign(Intl, {
			NumberFormat: function (...args: unknown[]) {
				made.push('NumberFormat');
				return new NumberFormat(...(args as []));
			},
			DisplayNames: function (...args: unknown[]) {
				made.push('DisplayNames');
				return new DisplayNames(...(args as [string[], Intl.DisplayNamesOptions]));
			}
		});
		try {
			for (const locale of LOCALES) {
				formatNumber(24_317, locale);
				formatNumber(3.75, locale, 1);
				formatPercent(0.4375, locale);
				countryName('SN', locale);
			}
		} finally {
			Object.assign(Intl, { NumberFormat, DisplayNames });
		}
		expect(made).toEqual([]);
	});
});
