import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Test-only (TEST_ROUTES=1): the last mail sent to an address, from the log-only mailer. */
export const GET: RequestHandler = ({ url, locals }) => {
	if (locals.deps.env.TEST_ROUTES !== '1') error(404);
	const to = url.searchParams.get('to');
	const mail = [...locals.deps.mailer.outbox].reverse().find((sent) => sent.to === to);
	if (!mail) error(404);
	return json(mail);
};
