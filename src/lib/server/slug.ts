/**
 * URL slugs from names in any of our languages: Latin text loses its accents; Arabic is
 * transliterated letter by letter (good enough for a readable, stable address; the page shows the
 * real name). Callers make the slug unique.
 */
const ARABIC: Record<string, string> = {
	ا: 'a',
	أ: 'a',
	إ: 'i',
	آ: 'a',
	ء: '',
	ؤ: 'o',
	ئ: 'i',
	ب: 'b',
	ت: 't',
	ث: 'th',
	ج: 'j',
	ح: 'h',
	خ: 'kh',
	د: 'd',
	ذ: 'dh',
	ر: 'r',
	ز: 'z',
	س: 's',
	ش: 'ch',
	ص: 's',
	ض: 'd',
	ط: 't',
	ظ: 'z',
	ع: 'a',
	غ: 'gh',
	ف: 'f',
	ق: 'q',
	ك: 'k',
	ل: 'l',
	م: 'm',
	ن: 'n',
	ه: 'h',
	ة: 'a',
	و: 'ou',
	ي: 'i',
	ى: 'a',
	ڤ: 'v',
	گ: 'g',
	پ: 'p'
};

export function slugify(name: string, fallback = 'x'): string {
	const latin = name
		.normalize('NFKD')
		.replace(/[\u064B-\u065F\u0670\u0640]/g, '') // harakat, tatweel
		.replace(/[\u0600-\u06FF]/g, (ch) => ARABIC[ch] ?? '')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return latin.length >= 3
		? latin
		: `${fallback}-${latin || Math.random().toString(36).slice(2, 8)}`.slice(0, 60);
}
