import { DEFAULT_LOCALE, type Locale } from './locales';

/**
 * The client bundle built for one language (scripts/locale-bundles.js writes them, and names
 * them the same way: tests/unit/locale-bundle.test.ts): `bundle.abc.js` is the base language's,
 * `bundle.abc.fr.js` the French one.
 */
export const localeBundleName = (fileName: string, locale: Locale) =>
	locale === DEFAULT_LOCALE ? fileName : fileName.replace(/\.js$/, `.${locale}.js`);

const BUNDLE = /_app\/immutable\/bundle\.[\w-]+\.js/g;

/** A page's HTML, pointed at its language's client bundle (development has no bundle: unchanged). */
export const withLocaleBundle = (html: string, locale: Locale) =>
	locale === DEFAULT_LOCALE ? html : html.replace(BUNDLE, (path) => localeBundleName(path, locale));
