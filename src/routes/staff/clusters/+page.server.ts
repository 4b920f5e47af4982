import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { orHttpError } from '$lib/server/load-errors';

export const load: PageServerLoad = async (event) => ({
	queue: await orHttpError(callerFor(event).clusters.reviewQueue())
});
