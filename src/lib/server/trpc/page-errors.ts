import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { localizeError } from './error-format';

/**
 * For server loads that call procedures: a procedure's 4xx becomes SvelteKit's error page in the
 * reader's language (NOT_FOUND → 404, an unreachable database → 503), and "sign in first" becomes the sign-in page, with a way
 * back. Anything else is rethrown as it is.
 */
export function pageError(event: RequestEvent) {
	return (err: unknown): never => {
		if (err instanceof TRPCError) {
			if (err.code === 'UNAUTHORIZED')
				redirect(
					303,
					`/sign-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`
				);
			const localized = localizeError(err, event.locals.locale);
			// The database is unreachable: 503, try again shortly (not a 500, nothing is broken).
			if (localized.unavailable) error(503, { message: localized.message });
			const status = getHTTPStatusCodeFromError(err);
			if (status < 500) error(status, { message: localized.message });
		}
		throw err;
	};
}

/** Pages for signed-in people only: to the sign-in page first, and back here afterwards. */
export function requireUser(event: RequestEvent) {
	const user = event.locals.user;
	if (!user)
		redirect(
			303,
			`/sign-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`
		);
	return user;
}
