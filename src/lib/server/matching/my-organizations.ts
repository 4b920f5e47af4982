import { redirect, type RequestEvent } from '@sveltejs/kit';
import { callerFor } from '$lib/server/trpc/caller';
import { requireUser } from './page-helpers';

/**
 * /suggestions and /connections: straight to the reader's organization when there is one, a
 * choice when there are several, an explanation when there is none.
 */
export async function chooseOrganization(
	event: RequestEvent,
	section: 'suggestions' | 'connections'
) {
	requireUser(event);
	const orgs = await callerFor(event).connections.myOrganizations();
	if (orgs.length === 1) redirect(303, `/o/${orgs[0].slug}/${section}`);
	return { orgs, section };
}
