import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	baseSlug,
	firstFreeSlug,
	slugify,
	transliterateArabic
} from '../../src/lib/server/organizations/slug';
import { sniffImageType } from '../../src/lib/server/organizations/logo';
import { pickText } from '../../src/lib/organizations/options';
import { profileFormValues } from '../../src/lib/organizations/form-values';

const SLUG = /^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$/; // the database's CHECK

describe('slugs', () => {
	it('transliterates Arabic names the Moroccan way', () => {
		expect(slugify('تاوريرت')).toBe('taourirt');
		expect(slugify('وجدة')).toBe('oujda');
		expect(transliterateArabic('التعاونية')).toBe('al-taounia');
		// Harakat, tatweel and Arabic-Indic digits.
		expect(slugify('تـعـاونـيـة ٢٠٢٤')).toBe(slugify('تعاونية 2024'));
		expect(transliterateArabic('عَسَل')).toBe('sl');
		expect(slugify('عَسَل')).toBe(''); // too short to be a slug on its own
	});

	it('makes French names readable', () => {
		expect(slugify('Coopérative d’huile d’olive « Al Baraka »')).toBe(
			'cooperative-dhuile-dolive-al-baraka'
		);
		expect(slugify('Œuvres & Cœur')).toBe('oeuvres-coeur');
	});

	it('prefers the Latin name, and falls back when nothing is usable', () => {
		expect(baseSlug({ ar: 'تعاونية', fr: 'Coop Figuig' })).toBe('coop-figuig');
		expect(baseSlug({ ar: 'تعاونية', fr: null })).toBe('taounia');
		expect(baseSlug({ en: '!!', fr: '—' })).toBe('organization');
	});

	it('always satisfies the database constraint, for any name', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (ar, fr) => {
				const slug = baseSlug({ ar, fr });
				expect(slug).toMatch(SLUG);
				expect(`${slug}-9999`).toMatch(SLUG);
			})
		);
	});

	it('numbers duplicates', () => {
		expect(firstFreeSlug('a-b', [])).toBe('a-b');
		expect(firstFreeSlug('a-b', ['a-b', 'a-b-2'])).toBe('a-b-3');
	});
});

describe('image types by content', () => {
	it('recognizes the four accepted formats and nothing else', () => {
		const b = (...x: number[]) => new Uint8Array(x);
		expect(sniffImageType(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
		expect(sniffImageType(b(0xff, 0xd8, 0xff, 0xdb))).toBe('jpeg');
		expect(sniffImageType(new TextEncoder().encode('RIFF....WEBPVP8 '))).toBe('webp');
		expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('gif');
		expect(sniffImageType(new TextEncoder().encode('<svg xmlns='))).toBeNull();
		expect(sniffImageType(new TextEncoder().encode('RIFF....WAVE'))).toBeNull();
		expect(sniffImageType(b())).toBeNull();
	});
});

describe('texts per language', () => {
	it('shows the reader’s language, else the first written, and says which', () => {
		expect(pickText({ ar: 'تعاونية', fr: 'Coopérative', en: null }, 'fr')).toEqual({
			text: 'Coopérative',
			lang: 'fr'
		});
		expect(pickText({ ar: 'تعاونية', fr: null, en: null }, 'en')).toEqual({
			text: 'تعاونية',
			lang: 'ar'
		});
		expect(pickText({ ar: null, fr: null, en: null }, 'ar')).toBeNull();
	});

	it('turns a profile into form values and back into the same lists', () => {
		const v = profileFormValues('cooperative', {
			partnerType: null,
			name: { ar: 'أ', fr: null, en: null },
			description: { ar: null, fr: null, en: null },
			sectors: ['argan', 'honey'],
			province: 'figuig',
			town: 'bouarfa',
			country: 'MA',
			region: null,
			lat: null,
			lng: null,
			foundedYear: 2010,
			membersTotal: 0,
			membersWomen: null,
			membersYouth: null,
			legalForm: null,
			registrationNumber: null,
			certifications: [],
			languages: ['ar'],
			contactEmail: null,
			contactPhone: null,
			website: null
		});
		expect(v).toMatchObject({
			place: 'figuig:bouarfa',
			sectors: 'argan,honey',
			membersTotal: '0',
			foundedYear: '2010',
			certifications: ''
		});
	});
});

describe('organization message keys', () => {
	const catalogue = JSON.parse(readFileSync('messages/organizations/ar.json', 'utf8'));
	const files = (dir: string): string[] =>
		readdirSync(dir).flatMap((n) => {
			const p = path.join(dir, n);
			return statSync(p).isDirectory() ? (n === 'paraglide' ? [] : files(p)) : [p];
		});

	it('every org_ key named in the code exists, and every org_ key is used', () => {
		const used = new Set<string>();
		// The organizations domain's own files (elsewhere org_ is also a column prefix: org_a_id).
		const own = files('src').filter(
			(f) =>
				/\.(ts|svelte)$/.test(f) &&
				/organizations|\/o\/|routes\/(my|invitations|media)|SiteHeader/.test(f)
		);
		for (const f of own) {
			for (const m of readFileSync(f, 'utf8').matchAll(/\borg_[a-z0-9_]+/g)) used.add(m[0]);
		}
		const known = Object.keys(catalogue).filter((k) => k !== '$schema');
		expect([...used].filter((k) => !known.includes(k))).toEqual([]);
		expect(known.filter((k) => !used.has(k))).toEqual([]);
	});
});
