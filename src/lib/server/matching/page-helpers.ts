import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { callerFor } from '$lib/server/trpc/caller';
import { localizeError } from '$lib/server/trpc/error-format';

/** Signed-in pages: a visitor is sent to sign in, and back here afterwards. */
export function requireUser(event: RequestEvent) {
	if (!event.locals.user)
		redirect(
			303,
			`/sign-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`
		);
	return event.locals.user;
}

/** A procedure's refusal in a page load becomes the matching error page, in the reader's language. */
export async function orPageError<T>(event: RequestEvent, call: Promise<T>): Promise<T> {
	try {
		return await call;
	} catch (err) {
		if (err instanceof TRPCError) {
			const status = getHTTPStatusCodeFromError(err);
			if (status < 500) error(status, localizeError(err, event.locals.locale).message);
		}
		throw err;
	}
}

/** The organization of /o/[slug]/...: members only (others get a 404, as if it had no private side). */
export async function memberOrganization(event: RequestEvent & { params: { slug: string } }) {
	requireUser(event);
	return orPageError(event, callerFor(event).matching.organization({ slug: event.params.slug }));
}
