import {
	json,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { createTRPCHandle } from 'trpc-sveltekit';
import { getRuntime } from '$lib/server/runtime';
import { log } from '$lib/server/log';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { dirOf, isLocale, DEFAULT_LOCALE } from '$lib/i18n/locales';
import { withLocaleBundle } from '$lib/i18n/locale-bundle';
import { validateSession, awaitsSecondFactor } from '$lib/server/auth/auth.service';
import { appRouter } from '$lib/server/trpc/root';
import { createContext } from '$lib/server/trpc/context';
import { TRPC_PATH, trpcResponseMeta } from '$lib/server/trpc/http';
import { isConnectionError } from '$lib/server/db/db';
import { AppError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { inputProblem } from '$lib/server/input/input-guard';
import { handlePageCache } from '$lib/server/page-cache';

export const init: ServerInit = async () => {
	await getRuntime();
};

/** Request id, client address, the app's dependencies, one log line per request. */
const handleRequest: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
	event.locals.deps = (await getRuntime()).deps;
	try {
		event.locals.ip = event.getClientAddress();
	} catch {
		event.locals.ip = null;
	}
	event.locals.user = null;
	event.locals.session = null;
	event.locals.pendingSecondFactor = null;
	event.locals.locale = DEFAULT_LOCALE;
	event.locals.unavailable = false;
	let response = await resolve(event);
	// A load that failed because the database is unreachable: 503 (try again), not 500 (a bug).
	if (event.locals.unavailable && response.status === 500)
		response = new Response(response.body, { status: 503, headers: response.headers });
	if (response.status === 503 && !response.headers.has('retry-after'))
		response.headers.set('retry-after', '5');
	response.headers.set('x-request-id', event.locals.requestId);
	log.info(
		{
			reqId: event.locals.requestId,
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('x-content-type-options', 'nosniff');
	h.set('referrer-policy', 'strict-origin-when-cross-origin');
	h.set('x-frame-options', 'DENY');
	h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(self)');
	h.set('cross-origin-opener-policy', 'same-origin');
	// Pages get SvelteKit's CSP (svelte.config.js, with nonces); anything else (tRPC and JSON answers,
	// logos, exports) may load nothing and be framed by no one.
	if (!h.has('content-security-policy') && !h.get('content-type')?.startsWith('text/html'))
		h.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
	if (event.locals.deps.env.secure)
		h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	return response;
};

/** Language: cookie, then Accept-Language, then Arabic; `<html lang dir>` is set here, before any script. */
const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, async ({ request, locale }) => {
		event.request = request;
		event.locals.locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
		const response = await resolve(event, {
			transformPageChunk: ({ html }) =>
				withLocaleBundle(
					html.replace('%lang%', event.locals.locale).replace('%dir%', dirOf(event.locals.locale)),
					event.locals.locale
				)
		});
		// SvelteKit also names the bundle in a `Link: …; rel="modulepreload"` header.
		const link = response.headers.get('link');
		if (link) response.headers.set('link', withLocaleBundle(link, event.locals.locale));
		return response;
	});

/**
 * Route parameters and query strings with text PostgreSQL cannot hold (NUL, lone surrogates) are bad
 * input before any load or action reads them (some pass them to SQL directly).
 */
const handleBadUrl: Handle = ({ event, resolve }) => {
	const { searchParams, pathname } = event.url;
	// tRPC answers in its own JSON shape; its input guard is a middleware of every procedure.
	if (pathname.startsWith(TRPC_PATH)) return resolve(event);
	if (
		inputProblem([
			Object.values(event.params),
			[...searchParams.keys()],
			[...searchParams.values()]
		])
	)
		return new Response(translate('error_invalid_input', {}, event.locals.locale), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	return resolve(event);
};

/** Session validated once per request, into locals. */
const handleAuth: Handle = async ({ event, resolve }) => {
	const { deps } = event.locals;
	const sessionId = event.cookies.get(deps.lucia.sessionCookieName);
	if (sessionId) {
		let result;
		try {
			result = await validateSession(deps, sessionId, { allowPendingSecondFactor: true });
		} catch (err) {
			if (isConnectionError(err)) return unavailable(event);
			throw err;
		}
		if (result && awaitsSecondFactor(result.session, result.user)) {
			event.locals.pendingSecondFactor = { user: result.user, session: result.session };
		} else if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.fresh) {
				const c = deps.lucia.createSessionCookie(result.session.id);
				event.cookies.set(c.name, c.value, { path: '/', ...c.attributes });
			}
		} else {
			const c = deps.lucia.createBlankSessionCookie();
			event.cookies.set(c.name, c.value, { path: '/', ...c.attributes });
		}
	}
	return resolve(event);
};

/** The database is unreachable before any route ran: a short 503 in the reader's language. */
function unavailable(event: RequestEvent): Response {
	const { locale } = event.locals;
	const message = translate('error_unavailable', {}, locale);
	const headers = { 'retry-after': '5', 'cache-control': 'no-store' };
	if (!event.request.headers.get('accept')?.includes('text/html'))
		return json({ error: { message, code: 'SERVICE_UNAVAILABLE' } }, { status: 503, headers });
	return new Response(
		`<!doctype html><html lang="${locale}" dir="${dirOf(locale)}"><head><meta charset="utf-8"><title>${message}</title></head><body><p>${message}</p></body></html>`,
		{ status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } }
	);
}

/** SvelteKit checks the origin of form posts only; tRPC's JSON posts get the same check here. */
const handleTrpcOrigin: Handle = async ({ event, resolve }) => {
	if (event.url.pathname.startsWith(TRPC_PATH) && event.request.method !== 'GET') {
		const origin = event.request.headers.get('origin');
		const expected = event.locals.deps.env.ORIGIN
			? new URL(event.locals.deps.env.ORIGIN).origin
			: event.url.origin;
		if (origin !== expected) {
			return new Response(
				JSON.stringify({ error: { message: 'Cross-site request refused', code: 'FORBIDDEN' } }),
				{
					status: 403,
					headers: { 'content-type': 'application/json' }
				}
			);
		}
	}
	return resolve(event);
};

const handleTrpc = createTRPCHandle({
	router: appRouter,
	url: TRPC_PATH,
	createContext,
	responseMeta: trpcResponseMeta,
	onError: ({ error, path }) => {
		if (error.code === 'INTERNAL_SERVER_ERROR' && !isConnectionError(error.cause))
			log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
	}
});

export const handle = sequence(
	handleRequest,
	handleSecurityHeaders,
	handlePageCache,
	handleLocale,
	handleBadUrl,
	handleAuth,
	handleTrpcOrigin,
	handleTrpc
);

/** The database could not be reached: raw, or as a procedure's error rethrown by a load. */
function storeUnavailable(error: unknown) {
	const cause = (error as { cause?: unknown })?.cause;
	return (
		isConnectionError(error) ||
		isConnectionError(cause) ||
		(cause instanceof AppError && cause.code === 'SERVICE_UNAVAILABLE')
	);
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId;
	// A client error SvelteKit raised itself (404, 413 body too large, 405...) is not a fault.
	if (status < 500) {
		const key =
			status === 404
				? 'error_not_found'
				: status === 413
					? 'error_too_large'
					: 'error_invalid_input';
		return { message: translate(key, {}, event.locals.locale ?? DEFAULT_LOCALE), requestId };
	}
	if (storeUnavailable(error)) {
		event.locals.unavailable = true;
		return {
			message: translate('error_unavailable', {}, event.locals.locale),
			requestId,
			status: 503
		};
	}
	log.error({ err: error, reqId: requestId, path: event.url.pathname }, 'unhandled error');
	return {
		message: translate('error_internal', {}, event.locals.locale ?? DEFAULT_LOCALE),
		requestId
	};
};
