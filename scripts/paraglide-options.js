/**
 * One place for the i18n compiler options: the Vite plugin and `npm run prepare` both use them.
 * @type {import('@inlang/paraglide-js').CompilerOptions}
 */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'tashbik_locale',
	emitGitIgnore: false
};
