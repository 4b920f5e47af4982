import type { Locale } from './locales';
import { intlLocale, numberFormat } from './intl';

/** The separators Intl uses for intlLocale(locale): ar-MA (Western digits), fr, en. */
const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
	ar: { group: '.', decimal: ',' },
	fr: { group: '\u202f', decimal: ',' },
	en: { group: ',', decimal: '.' }
};

/**
 * A number in the page's language, exactly as `Intl.NumberFormat(intlLocale(locale),
 * { maximumFractionDigits })` writes it (tests/unit/numbers.test.ts holds it to that), but
 * without Intl for the usual case. In the browser the first `Intl.NumberFormat` of a page loads
 * the locale's data: 30 to 110 ms on the bench machine, four times that on Lighthouse's phone, and
 * the search page formats its facet counts while it hydrates. Negative, huge or non-finite
 * numbers, rare here, still go through Intl.
 */
export function formatNumber(n: number, locale: Locale, maximumFractionDigits = 3): string {
	const decimal = decimalOf(n);
	if (!decimal) return numberFormat(intlLocale(locale), { maximumFractionDigits }).format(n);
	return written(roundHalfUp(decimal, maximumFractionDigits), locale);
}

/** The percent sign as each language places it (Arabic keeps it on the number's side). */
const PERCENT: Record<Locale, (number: string) => string> = {
	ar: (number) => `${number}\u200e%\u200e`,
	fr: (number) => `${number}\u00a0%`,
	en: (number) => `${number}%`
};

/** A share (0.125) as a percentage ("12,5 %"), as Intl's percent style writes it. */
export function formatPercent(ratio: number, locale: Locale, maximumFractionDigits = 1): string {
	const decimal = decimalOf(ratio);
	// Times 100 on the decimal digits, not on the double (0.145 * 100 is 14.499999999999998).
	const scaled = decimal && {
		whole: (decimal.whole + decimal.fraction.padEnd(2, '0').slice(0, 2)).replace(/^0+(?=\d)/, ''),
		fraction: decimal.fraction.slice(2)
	};
	const rounded = scaled && roundHalfUp(scaled, maximumFractionDigits);
	if (!rounded) {
		return numberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits }).format(
			ratio
		);
	}
	return PERCENT[locale](written(rounded, locale));
}

type Decimal = { whole: string; fraction: string };

/** The shortest decimal that reads back as `n` (what Intl rounds); null where Intl is needed. */
function decimalOf(n: number): Decimal | null {
	if (!(n >= 0 && n < 1e21) || Object.is(n, -0)) return null;
	const text = String(n);
	if (text.includes('e')) return null;
	const [whole, fraction = ''] = text.split('.');
	return { whole, fraction };
}

/**
 * Rounds half away from zero on the decimal digits, as Intl does (1.005 rounds to 1.01, where
 * `toFixed` works on the binary value, 1.00499…, and gives 1.00); drops the fraction's trailing
 * zeros.
 */
function roundHalfUp({ whole, fraction }: Decimal, digits: number): Decimal {
	if (fraction.length <= digits) return { whole, fraction: fraction.replace(/0+$/, '') };
	let kept = BigInt(whole + fraction.slice(0, digits));
	if (fraction[digits] >= '5') kept += 1n;
	const all = kept.toString().padStart(digits + 1, '0');
	const cut = all.length - digits;
	return { whole: all.slice(0, cut), fraction: all.slice(cut).replace(/0+$/, '') };
}

function written({ whole, fraction }: Decimal, locale: Locale): string {
	const { group, decimal } = SEPARATORS[locale];
	const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
	return fraction ? grouped + decimal + fraction : grouped;
}
