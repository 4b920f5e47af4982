import { describe, expect, it } from 'vitest';
import {
	arabicStems,
	foldText,
	normalizeQuery,
	queryTokens
} from '../../src/lib/server/search/text';
import {
	cropAround,
	highlightWords,
	segmentsFromMarked
} from '../../src/lib/server/search/highlight';
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
	it('reads Meilisearch marks', () => {
		expect(segmentsFromMarked('a \uE000bc\uE001 d')).toEqual([
			{ text: 'a ' },
			{ text: 'bc', hit: true },
			{ text: ' d' }
		]);
		expect(segmentsFromMarked('<b>x</b>')).toEqual([{ text: '<b>x</b>' }]);
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
