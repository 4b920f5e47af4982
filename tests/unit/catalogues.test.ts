import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';

// One folder per domain under messages/ (core, organizations, chat, ...), one file per locale.
const domains = readdirSync('messages').filter((d) =>
	statSync(path.join('messages', d)).isDirectory()
);
const read = (domain: string, locale: string) =>
	JSON.parse(readFileSync(`messages/${domain}/${locale}.json`, 'utf8')) as Record<string, string>;
// Read once: the checks below look up every key in every language.
const catalogues = new Map<string, Record<string, string>>();
const catalogue = (locale: string) => {
	if (!catalogues.has(locale))
		catalogues.set(
			locale,
			Object.assign({}, ...domains.map((d) => read(d, locale))) as Record<string, string>
		);
	return catalogues.get(locale)!;
};
const keys = (locale: string) => Object.keys(catalogue(locale)).filter((k) => k !== '$schema');

function filesUnder(dir: string, ext: string[]): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = path.join(dir, name);
		if (statSync(p).isDirectory()) return name === 'paraglide' ? [] : filesUnder(p, ext);
		return ext.some((e) => p.endsWith(e)) ? [p] : [];
	});
}

describe('message catalogues', () => {
	it('every domain folder is listed in the inlang project, and no key is defined twice', () => {
		const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
		const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
		expect(domains.map((d) => `./messages/${d}/{locale}.json`).sort()).toEqual(
			[...patterns].sort()
		);
		const seen = new Map<string, string>();
		for (const d of domains) {
			for (const key of Object.keys(read(d, 'ar')).filter((k) => k !== '$schema')) {
				expect(seen.get(key), `${key} is in ${seen.get(key)} and ${d}`).toBeUndefined();
				seen.set(key, d);
			}
		}
	});

	it.each(domains.flatMap((d) => LOCALES.filter((l) => l !== 'ar').map((l) => [d, l])))(
		'%s/%s has exactly the keys of Arabic',
		(d, l) => {
			expect(Object.keys(read(d, l)).sort()).toEqual(Object.keys(read(d, 'ar')).sort());
		}
	);

	it.each(LOCALES.filter((l) => l !== 'ar'))(
		'%s has exactly the keys of Arabic (the base)',
		(locale) => {
			expect(keys(locale).sort()).toEqual(keys('ar').sort());
		}
	);

	it('has no empty message and keeps the same placeholders in every language', () => {
		for (const key of keys('ar')) {
			const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			const base = placeholders(catalogue('ar')[key]);
			for (const locale of LOCALES) {
				expect(catalogue(locale)[key].trim(), `${locale}.${key}`).not.toBe('');
				expect(placeholders(catalogue(locale)[key]), `${locale}.${key}`).toEqual(base);
			}
		}
	});

	it('every key used in the code exists', () => {
		const used = new Set<string>();
		for (const file of filesUnder('src', ['.svelte', '.ts'])) {
			const text = readFileSync(file, 'utf8');
			// m.key(...) in files that import the message functions (elsewhere `m.` is often an SQL alias).
			if (text.includes('paraglide/messages'))
				for (const k of text.matchAll(/\bm\.([a-z][a-z0-9_]*)\b/g)) used.add(k[1]);
			// Message keys passed as strings: error/field/mail keys, and a domain's own error/field/done keys.
			for (const k of text.matchAll(
				/['"`]((?:error|field|mail)_[a-z0-9_]+|[a-z]+_(?:error|field|done)_[a-z0-9_]+)['"`]/g
			))
				used.add(k[1]);
		}
		const known = new Set(keys('ar'));
		expect([...used].filter((k) => !known.has(k))).toEqual([]);
	});

	it('components carry no hard-coded Arabic, French or English sentences', () => {
		const offenders: string[] = [];
		for (const file of filesUnder('src', ['.svelte'])) {
			const markup = readFileSync(file, 'utf8')
				.replace(/<script[\s\S]*?<\/script>/g, '')
				.replace(/<style[\s\S]*?<\/style>/g, '')
				.replace(/<!--[\s\S]*?-->/g, '')
				.replace(/\{[^{}]*\}/g, '');
			// Text between tags with two or more words is a sentence someone forgot to translate.
			for (const m of markup.matchAll(/>([^<>]+)</g)) {
				const text = m[1].trim();
				if (/[\p{L}]{2,}\s+[\p{L}]{2,}/u.test(text)) offenders.push(`${file}: "${text}"`);
			}
		}
		expect(offenders).toEqual([]);
	});
});
