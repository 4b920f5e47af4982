import type { Session } from 'lucia';
import type { Context } from './context';
import { LOCALE_COOKIE } from '$lib/i18n/locale-cookie';
import type { Locale } from '$lib/i18n/locales';

/** Writes lucia's session cookie on the HTTP response (no-op outside HTTP: tests, sockets). */
export function setSessionCookie(ctx: Context, session: Session) {
	const cookie = ctx.deps.lucia.createSessionCookie(session.id);
	ctx.event?.cookies.set(cookie.name, cookie.value, { path: '/', ...cookie.attributes });
}

export function clearSessionCookie(ctx: Context) {
	const cookie = ctx.deps.lucia.createBlankSessionCookie();
	ctx.event?.cookies.set(cookie.name, cookie.value, { path: '/', ...cookie.attributes });
}

export function setLocaleCookie(ctx: Context, locale: Locale) {
	ctx.event?.cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		maxAge: 365 * 24 * 3600,
		httpOnly: false,
		sameSite: 'lax',
		secure: ctx.deps.env.secure
	});
}
