import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

export const load: PageServerLoad = async (event) => ({
	queues: await callerFor(event).staff.queues().catch(pageError(event))
});
