import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createOrganization, syncSearch } from '../helpers/search-fixtures';
import { plainText } from '../../src/lib/search/segments';

/**
 * Item 7: Arabic and French done right, on the real Meilisearch with the app's settings. Each
 * spelling a person may type finds the same organization first.
 */
let app: TestApp;
const slugs: Record<string, string> = {};

beforeAll(async () => {
	app = await createTestApp();
	const make = async (key: string, fields: Parameters<typeof createOrganization>[1]) => {
		slugs[key] = (await createOrganization(app, fields)).slug;
	};
	await make('amal', {
		name_ar: 'التعاونية النسوية الأمل للكسكس',
		name_fr: 'Coopérative féminine Al Amal',
		province: 'taourirt',
		town: 'taourirt',
		listings: [{ kind: 'offer', category_code: 'couscous', title_ar: 'كسكس يدوي' }]
	});
	await make('waha', {
		name_ar: 'جمعية الواحة للتمور',
		name_fr: 'Association Oasis des dattes',
		province: 'figuig',
		town: 'figuig'
	});
	await make('anoual', { name_ar: 'تعاونية أنوال للزرابي', name_fr: 'Coopérative Anoual tapis' });
	// Written without hamza: the variant is on the document's side this time.
	await make('ikhlass', {
		name_ar: 'تعاونية الاخلاص لتربية النحل',
		name_fr: 'Coopérative apicole'
	});
	await make('aklim', {
		name_fr: 'Coopérative de l’huile d’Aklim',
		province: 'berkane',
		town: 'aklim',
		listings: [
			{ kind: 'offer', category_code: 'olive_oil', title_fr: 'Huile d’olive vierge extra' }
		]
	});
	await make('guil', {
		name_fr: 'Coopérative d’élevage Beni Guil',
		name_ar: 'تعاونية بني كيل لتربية الأغنام',
		province: 'jerada',
		town: 'ain_bni_mathar'
	});
	// Noise, so that "first" means something.
	for (let i = 0; i < 30; i++)
		await createOrganization(app, {
			name_ar: `تعاونية رقم ${i} للفلاحة`,
			name_fr: `Coopérative agricole numéro ${i}`
		});
	await syncSearch(app);
});
afterAll(() => app?.close());

async function firstHit(q: string, locale: 'ar' | 'fr' = 'ar') {
	const res = await (await app.caller(null, locale)).search.organizations({ q });
	expect(res.degraded).toBe(false);
	return res.hits[0];
}

describe('Arabic spellings find the same organization', () => {
	it.each([
		['الأمل', 'amal'],
		['الامل', 'amal'],
		['الإمل', 'amal'],
		['الآمل', 'amal'],
		['أمل', 'amal'],
		['الأَمَل', 'amal'], // harakat
		['الأمـــل', 'amal'], // tatweel
		['الكُسْكُس', 'amal'],
		['الكسكـــس', 'amal'],
		['كسكس', 'amal'], // the name says "للكسكس": the attached article is not in the way
		['الكسكس', 'amal'],
		['الواحة', 'waha'],
		['الواحه', 'waha'], // ة / ه
		['التمور', 'waha'],
		['الإخلاص', 'ikhlass'], // hamza in the query, none in the name
		['الأخلاص', 'ikhlass'],
		['أنوال', 'anoual'],
		['انوال', 'anoual'],
		['أنول', 'anoual'], // a typo in a 4-letter word
		['الكسكص', 'amal'], // a typo
		['الزرابى', 'anoual'] // ى / ي
	])('%s', async (q, key) => {
		expect((await firstHit(q))?.slug).toBe(slugs[key]);
	});
});

describe('French accents, apostrophes and typos', () => {
	it.each([
		["l'huile", 'aklim'],
		['l’huile', 'aklim'],
		["huile d'olive", 'aklim'],
		['huile dolive', 'aklim'],
		['Aklim', 'aklim'],
		['cooperative feminine', 'amal'],
		['coopérative féminine', 'amal'],
		['COOPERATIVE FEMININE', 'amal'],
		['feminnine', 'amal'], // typo
		['Oaiss', 'waha'], // typo
		['elevage', 'guil'],
		['Beni Gil', 'guil'] // typo in a name
	])('%s', async (q, key) => {
		expect((await firstHit(q, 'fr'))?.slug).toBe(slugs[key]);
	});
});

describe('highlighting', () => {
	it('marks the match in the name in the reader language, as text segments', async () => {
		const hit = await firstHit('الأمل');
		expect(plainText(hit.name)).toBe('التعاونية النسوية الأمل للكسكس');
		expect(hit.name.filter((s) => s.hit).map((s) => s.text)).toEqual(['أمل']);
	});

	it('shows the other language name when only it matched', async () => {
		const hit = await firstHit('Oasis');
		expect(plainText(hit.name)).toBe('جمعية الواحة للتمور');
		expect(hit.altName?.find((s) => s.hit)?.text).toBe('Oasis');
	});

	it('marks what a typo found, as Meilisearch forgave it', async () => {
		const hit = await firstHit('coperative feminnine', 'fr');
		expect(hit.slug).toBe(slugs.amal);
		expect(plainText(hit.name)).toBe('Coopérative féminine Al Amal');
		expect(hit.name.filter((s) => s.hit).map((s) => s.text)).toEqual(['Coopérative', 'féminine']);
		const oasis = await firstHit('Oaiss', 'fr');
		expect(oasis.name.filter((s) => s.hit).map((s) => s.text)).toEqual(['Oasis']);
	});

	it('keeps markup in user text as text', async () => {
		const org = await createOrganization(app, {
			name_fr: 'Coopérative <img src=x onerror=alert(1)> Safran'
		});
		await syncSearch(app);
		const hit = await firstHit('safran', 'fr');
		expect(hit.slug).toBe(org.slug);
		expect(plainText(hit.name)).toBe('Coopérative <img src=x onerror=alert(1)> Safran');
		expect(hit.name.find((s) => s.hit)?.text).toBe('Safran');
	});
});
