import type { RequestEvent } from '@sveltejs/kit';
import type { Session, User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import type { Locale } from '$lib/i18n/locales';
import type { RequestMeta } from '$lib/server/auth/auth.service';

export interface Context extends RequestMeta {
	deps: AppDeps;
	user: User | null;
	session: Session | null;
	/** A session waiting for its second factor: only the second-factor step may use it. */
	pending: { user: User; session: Session } | null;
	/** Present for HTTP requests; procedures that set cookies use it. */
	event: RequestEvent | null;
}

export function createContext(event: RequestEvent): Context {
	const { locals } = event;
	return {
		deps: locals.deps,
		user: locals.user,
		session: locals.session,
		pending: locals.pendingSecondFactor,
		locale: locals.locale,
		ip: locals.ip,
		userAgent: event.request.headers.get('user-agent'),
		origin: locals.deps.env.ORIGIN ?? event.url.origin,
		event
	};
}

/** A context without an HTTP request: tests, scripts, socket handlers. */
export function createBareContext(
	deps: AppDeps,
	opts: {
		user?: User | null;
		session?: Session | null;
		pending?: { user: User; session: Session } | null;
		locale?: Locale;
		ip?: string | null;
	} = {}
): Context {
	return {
		deps,
		user: opts.user ?? null,
		session: opts.session ?? null,
		pending: opts.pending ?? null,
		locale: opts.locale ?? 'ar',
		ip: opts.ip ?? null,
		userAgent: null,
		origin: deps.env.ORIGIN ?? 'http://localhost',
		event: null
	};
}
