import { describe, expect, it } from 'vitest';
import { localeBundleName as builtAs } from '../../scripts/locale-bundles.js';
import { localeBundleName, withLocaleBundle } from '../../src/lib/i18n/locale-bundle';
import { DEFAULT_LOCALE, LOCALES } from '../../src/lib/i18n/locales';

// The build writes one client bundle per language; the server must name the same file.
describe('per-language client bundles', () => {
	it('the server asks for the file the build wrote, in every language', () => {
		for (const locale of LOCALES)
			expect(localeBundleName('_app/immutable/bundle.Ab-1_x.js', locale)).toBe(
				builtAs('_app/immutable/bundle.Ab-1_x.js', locale, DEFAULT_LOCALE)
			);
	});

	it('points a page and its preload header at its language’s bundle, and nothing else', () => {
		const html =
			'<link href="./_app/immutable/assets/bundle.Cb.css" rel="stylesheet">' +
			'<script>import("./_app/immutable/bundle.D2Is-k_W.js")</script>';
		expect(withLocaleBundle(html, 'fr')).toBe(
			'<link href="./_app/immutable/assets/bundle.Cb.css" rel="stylesheet">' +
				'<script>import("./_app/immutable/bundle.D2Is-k_W.fr.js")</script>'
		);
		expect(withLocaleBundle(html, 'ar')).toBe(html);
		expect(withLocaleBundle('<./_app/immutable/bundle.X.js>; rel="modulepreload"', 'en')).toBe(
			'<./_app/immutable/bundle.X.en.js>; rel="modulepreload"'
		);
	});
});
