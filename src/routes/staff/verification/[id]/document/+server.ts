import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from './$types';
import { findRequest } from '$lib/server/verification/verification.repo';
import { documentsDir } from '$lib/server/verification/verification.service';
import { EXTENSION, type SniffedType } from '$lib/server/uploads/sniff';

/** The request's document, for staff only; sandboxed so a crafted PDF cannot run anything in our origin. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user || (locals.user.role !== 'staff' && locals.user.role !== 'admin'))
		error(404, 'error_not_found');
	const request = await findRequest(locals.deps.db, params.id);
	if (!request?.document_path || !request.document_type) error(404, 'error_not_found');
	const body = await readFile(
		path.join(documentsDir(locals.deps), path.basename(request.document_path))
	);
	return new Response(body, {
		headers: {
			'content-type': request.document_type,
			'content-disposition': `inline; filename="verification-${request.id}.${EXTENSION[request.document_type as SniffedType]}"`,
			'content-security-policy':
				'sandbox; default-src none; img-src data:; style-src unsafe-inline',
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
