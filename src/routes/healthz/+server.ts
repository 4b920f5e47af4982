import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkHealth } from '$lib/server/health';

/** For load balancers and operators: 200 while the database answers, 503 when it does not. */
export const GET: RequestHandler = async ({ locals }) => {
	const health = await checkHealth(locals.deps);
	return json(health, {
		status: health.database === 'up' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
