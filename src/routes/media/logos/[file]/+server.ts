import { readFile } from 'node:fs/promises';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { logoFilePath } from '$lib/server/organizations/logo';

/**
 * Logos, as the server wrote them (WebP re-encoded by sharp). Names are random and never reused,
 * so a logo can be cached for a year; the type is ours, and nothing may run inside it.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const file = logoFilePath(locals.deps.env.dataDir, params.file);
	if (!file) error(404);
	const body = await readFile(file).catch(() => null);
	if (!body) error(404);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'image/webp',
			'content-length': String(body.length),
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin'
		}
	});
};
