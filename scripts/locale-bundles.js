import { readFileSync } from 'node:fs';
import path from 'node:path';
import { minify, transformWithOxc } from 'vite';

/**
 * One client bundle per language. Paraglide compiles every message with its three translations,
 * and the client needs only the page's: the messages were ~40 % of the bundle, and parsing and
 * compiling that code is most of a phone's start-up (bench/README.md, page quality). The client
 * build is made once, as usual; this plugin then writes it once per language with the language
 * fixed, so the minifier drops the other translations. The base language's copy replaces the
 * bundle (same name); the others are written beside it as `bundle.<hash>.<locale>.js`, and the
 * server points each page at its language's copy (src/lib/i18n/locale-bundle.ts, hooks.server.ts).
 *
 * Paraglide's own `experimentalPerLocaleBuild` does this for SvelteKit's split output only and
 * adds a warning to every message; this works on the single bundle (svelte.config.js) and
 * leaves the server build untouched.
 */

/** What each generated message asks to pick its language (Paraglide 2.22, message-modules). */
const LOCALE_PICK = 'experimentalStaticLocale ?? options.locale ?? getLocale()';
const MARKER = 'globalThis.__TASHBIK_BUNDLE_LOCALE__';
const MESSAGE_MODULE = /\/src\/lib\/paraglide\/messages\/(?!_index)[^/]+\.js$/;

/**
 * `bundle.abc.js` → `bundle.abc.fr.js`; the base language keeps the bundle's name. The server
 * names them the same way (src/lib/i18n/locale-bundle.ts; tests/unit/locale-bundle.test.ts
 * holds the two together).
 * @param {string} fileName
 * @param {string} locale
 * @param {string} baseLocale
 */
export const localeBundleName = (fileName, locale, baseLocale) =>
	locale === baseLocale ? fileName : fileName.replace(/\.js$/, `.${locale}.js`);

/**
 * @param {{ project: string }} options the inlang project, whose settings list the languages
 * @returns {import('vite').Plugin}
 */
export function localeBundles({ project }) {
	/** @type {{ baseLocale: string; locales: string[] }} */
	const { baseLocale, locales } = JSON.parse(
		readFileSync(path.join(project, 'settings.json'), 'utf8')
	);
	let messages = 0;
	return {
		name: 'tashbik-locale-bundles',
		apply: 'build',
		enforce: 'post',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		transform(code, id) {
			if (!MESSAGE_MODULE.test(id)) return;
			if (!code.includes(LOCALE_PICK)) {
				this.error(`${id}: Paraglide's message format changed; update scripts/locale-bundles.js`);
			}
			messages++;
			return { code: code.replaceAll(LOCALE_PICK, `${MARKER} ?? ${LOCALE_PICK}`), map: null };
		},
		generateBundle: {
			order: 'post',
			async handler(_, bundle) {
				const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
				if (chunks.length !== 1) {
					this.error(`expected one client chunk (bundleStrategy 'single'), found ${chunks.length}`);
				}
				if (messages === 0) this.error('no Paraglide message reached the client bundle');
				const [chunk] = chunks;
				const generic = chunk.code;
				for (const locale of locales) {
					const code = await specialize(generic, chunk.fileName, locale);
					if (code.includes(MARKER.slice('globalThis.'.length))) {
						this.error(`the ${locale} bundle still asks for its language at run time`);
					}
					if (locale === baseLocale) {
						chunk.code = code;
						chunk.map = null;
					} else {
						const fileName = localeBundleName(chunk.fileName, locale, baseLocale);
						this.emitFile({ type: 'asset', fileName, source: code });
					}
				}
			}
		}
	};
}

/**
 * The bundle with its language fixed, minified again so that the other translations go.
 * @param {string} code
 * @param {string} fileName
 * @param {string} locale
 */
async function specialize(code, fileName, locale) {
	const fixed = await transformWithOxc(code, fileName, {
		lang: 'js',
		sourceType: 'module',
		define: { [MARKER]: JSON.stringify(locale) },
		sourcemap: false
	});
	const minified = await minify(fileName, fixed.code, {
		module: true,
		compress: true,
		mangle: true
	});
	if (minified.errors.length) {
		throw new Error(`minifying the ${locale} bundle: ${minified.errors.map((e) => e.message)}`);
	}
	return minified.code;
}
