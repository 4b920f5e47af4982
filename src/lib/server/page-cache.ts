import { randomBytes } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';

/**
 * A micro-cache for the public pages visitors open most (an organization's profile): the same
 * page for the same language is rendered once every few seconds instead of on every request.
 * Only for visitors (no session cookie) and only answers that are plain 200 HTML without a
 * cookie to set; anything signed in, any query string and any form post goes through as before.
 *
 * Each answer still gets its own Content-Security-Policy nonce: the cached page's nonce is
 * replaced by a fresh one in the header and in the page. An edit shows to visitors within
 * `TTL_MS` (the editor, signed in, sees it at once); each app node keeps its own cache.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 500;
const CACHEABLE = /^\/o\/[a-z0-9-]+$/;

interface Entry {
	at: number;
	body: string;
	headers: [string, string][];
	nonce: string | null;
}
const cache = new Map<string, Entry>();

const nonceOf = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1] ?? null;

function keyOf(request: Request, url: URL, sessionCookie: string) {
	if (request.method !== 'GET' || url.search || !CACHEABLE.test(url.pathname)) return null;
	const cookies = request.headers.get('cookie') ?? '';
	if (cookies.includes(`${sessionCookie}=`)) return null;
	const locale = cookies.match(/(?:^|;\s*)tashbik_locale=([a-z]{2})/)?.[1] ?? '';
	return `${url.pathname}|${locale}|${request.headers.get('accept-language') ?? ''}`;
}

function answer(entry: Entry) {
	const headers = new Headers(entry.headers);
	let body = entry.body;
	if (entry.nonce) {
		const fresh = randomBytes(16).toString('base64');
		body = body.replaceAll(entry.nonce, fresh);
		const csp = headers.get('content-security-policy');
		if (csp) headers.set('content-security-policy', csp.replaceAll(entry.nonce, fresh));
	}
	return new Response(body, { status: 200, headers });
}

export const handlePageCache: Handle = async ({ event, resolve }) => {
	const key = keyOf(event.request, event.url, event.locals.deps.lucia.sessionCookieName);
	if (!key) return resolve(event);
	const hit = cache.get(key);
	if (hit && Date.now() - hit.at < TTL_MS) return answer(hit);

	const response = await resolve(event);
	if (
		response.status !== 200 ||
		!response.headers.get('content-type')?.startsWith('text/html') ||
		response.headers.has('set-cookie')
	)
		return response;
	const body = await response.text();
	// Per answer, not per page: the request id, and what depends on the exact bytes.
	const headers = [...response.headers].filter(
		([name]) => !['etag', 'x-request-id', 'content-length'].includes(name)
	);
	const entry = {
		at: Date.now(),
		body,
		headers,
		nonce: nonceOf(response.headers.get('content-security-policy'))
	};
	if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	cache.set(key, entry);
	return answer(entry);
};
