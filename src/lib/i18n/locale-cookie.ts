/** The cookie that keeps the chosen UI language (paraglide's cookie strategy reads it too). */
export const LOCALE_COOKIE = 'tashbik_locale';
