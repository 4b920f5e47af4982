import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

export const load: PageServerLoad = async (event) => ({
	queue: await callerFor(event).clusters.reviewQueue().catch(pageError(event))
});
