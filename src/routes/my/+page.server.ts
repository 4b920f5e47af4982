import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError, requireUser } from '$lib/server/trpc/page-errors';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const organizations = await callerFor(event).organizations.mine().catch(pageError(event));
	return {
		organizations,
		left: event.url.searchParams.has('left'),
		deleted: event.url.searchParams.has('deleted')
	};
};
