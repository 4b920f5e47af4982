import { describe, expect, it } from 'vitest';
import {
	arabicStems,
	foldText,
	normalizeQuery,
	queryTokens
} from '../../src/lib/server/search/text';
import {
	cropAround,
	editDistance,
	highlightWords,
	matchesWords
} from '../../src/lib/server/search/highlight';
import { foldWithMap } from '../../src/lib/server/search/text';
import { plainText } from '../../src/lib/search/segments';

describe('folding', () => {
	it('folds Arabic spelling variants to one form', () => {
		const base = foldText('الامل');
		for (const v of ['الأمل', 'الإمل', 'الآمل', 'الأَمَل', 'الأمـــل'])
			expect(foldText(v)).toBe(base);
		expect(foldText('الواحة')).toBe(foldText('الواحه'));
		expect(foldText('الزرابى')).toBe(foldText('الزرابي'));
	});

	it('folds French accents, case and typographic apostrophes', () => {
		expect(foldText('Coopérative FÉMININE')).toBe('cooperative feminine');
		expect(foldText('l’huile d’olive')).toBe("l'huile d'olive");
		expect(foldText('Œuvre')).toBe('oeuvre');
	});

	it('query words drop the article, elisions and one-letter words', () => {
		expect(queryTokens("l'huile d’olive")).toEqual(['huile', 'olive']);
		expect(queryTokens('الأمل للكسكس')).toEqual(['امل', 'كسكس']);
		expect(queryTokens('ال')).toEqual([]);
	});

	it('normalizes the query sent to Meilisearch', () => {
		expect(normalizeQuery('  الأَمَـــل   ')).toBe('الامل');
		expect(normalizeQuery('\uE000x\uE001')).toBe('x');
		expect(normalizeQuery('a'.repeat(300))).toHaveLength(200);
	});

	it('indexes the stems Meilisearch cannot split off (للـ، والـ، بالـ)', () => {
		expect(arabicStems(['تعاونية الأمل للكسكس والعسل بالزيتون'])).toEqual(['كسكس', 'عسل', 'زيتون']);
		expect(arabicStems(['للا مريم'])).toEqual([]);
	});
});

describe('highlighting as segments', () => {
	it('marks words with the typos Meilisearch forgives: 1 from 4 letters, 2 from 8', () => {
		const marked = (text: string, q: string) =>
			highlightWords(text, queryTokens(q))
				.filter((s) => s.hit)
				.map((s) => s.text);
		expect(marked('Coopérative féminine Al Amal', 'coperative feminnine')).toEqual([
			'Coopérative',
			'féminine'
		]);
		expect(marked('Association Oasis des dattes', 'Oaiss')).toEqual(['Oasis']);
		expect(marked('Miel de thym', 'mile')).toEqual(['Miel']);
		// A word still being typed, with a typo: its beginning.
		expect(marked('Emballages du Nord', 'embalag')).toEqual(['Emballag']);
		// Behind an attached Arabic article, as Meilisearch finds it (through the indexed stem).
		expect(marked('تعاونية تيفاوين للكسكس', 'كسكسي')).toEqual(['كسكس']);
		// No typo under 4 letters, and a wrong first letter costs two.
		expect(marked('Le miel', 'mal')).toEqual([]);
		expect(marked('Ciel bleu', 'miel')).toEqual([]);
		expect(matchesWords('Tapis de Jerada', ['tapls'])).toBe(true);
		expect(matchesWords('Tapis de Jerada', ['chaise'])).toBe(false);
	});

	it('edit distance counts a transposition as one and stops past the budget', () => {
		expect(editDistance('oasis', 'oaiss', 2)).toBe(1);
		expect(editDistance('kitten', 'sitting', 3)).toBe(3);
		expect(editDistance('kitten', 'sitting', 2)).toBe(Infinity);
		expect(editDistance('a', 'abcd', 1)).toBe(Infinity);
		expect(editDistance('embalag', 'emballages', 1, true)).toBe(1);
	});

	it('the fast fold and the mapped fold agree', () => {
		for (const t of ['Coopérative L’Œuvre `x`', 'الأَمَـــل للكسكس', 'Ça déménage 😀 ok'])
			expect(foldWithMap(t).folded).toBe(foldText(t));
	});

	it('marks folded matches in the original text, harakat and all', () => {
		const segments = highlightWords('تعاونية الأَمَل', ['امل']);
		expect(plainText(segments)).toBe('تعاونية الأَمَل');
		expect(segments.find((s) => s.hit)?.text).toBe('أَمَل');
		expect(highlightWords('Coopérative Safran', ['cooperative'])[0]).toEqual({
			text: 'Coopérative',
			hit: true
		});
	});

	it('crops long text around the first match', () => {
		const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
		words[40] = 'target';
		const cropped = cropAround(highlightWords(words.join(' '), ['target']), 10);
		const text = plainText(cropped);
		expect(text.startsWith('…')).toBe(true);
		expect(text.endsWith('…')).toBe(true);
		expect(text).toContain('target');
		expect(text.replace(/…/g, '').trim().split(/\s+/)).toHaveLength(10);
	});
});
