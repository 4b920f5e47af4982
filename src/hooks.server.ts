import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { createTRPCHandle } from 'trpc-sveltekit';
import { getRuntime } from '$lib/server/runtime';
import { log } from '$lib/server/log';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { dirOf, isLocale, DEFAULT_LOCALE } from '$lib/i18n/locales';
import { validateSession, awaitsSecondFactor } from '$lib/server/auth/auth.service';
import { appRouter } from '$lib/server/trpc/root';
import { createContext } from '$lib/server/trpc/context';
import { TRPC_PATH, trpcResponseMeta } from '$lib/server/trpc/http';
import { isConnectionError } from '$lib/server/db/db';
import { translate } from '$lib/i18n/translate';
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
	const response = await resolve(event);
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
	if (event.locals.deps.env.secure)
		h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	return response;
};

/** Language: cookie, then Accept-Language, then Arabic; `<html lang dir>` is set here, before any script. */
const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', event.locals.locale).replace('%dir%', dirOf(event.locals.locale))
		});
	});

/** Session validated once per request, into locals. */
const handleAuth: Handle = async ({ event, resolve }) => {
	const { deps } = event.locals;
	const sessionId = event.cookies.get(deps.lucia.sessionCookieName);
	if (sessionId) {
		const result = await validateSession(deps, sessionId, { allowPendingSecondFactor: true });
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
	handleAuth,
	handleTrpcOrigin,
	handleTrpc
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId;
	if (status === 404)
		return { message: translate('error_not_found', {}, event.locals.locale), requestId };
	if (isConnectionError(error))
		return { message: translate('error_unavailable', {}, event.locals.locale), requestId };
	log.error({ err: error, reqId: requestId, path: event.url.pathname }, 'unhandled error');
	return {
		message: translate('error_internal', {}, event.locals.locale ?? DEFAULT_LOCALE),
		requestId
	};
};
