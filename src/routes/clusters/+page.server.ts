import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';

export const load: PageServerLoad = async (event) => {
	const page = Math.max(1, Math.min(1000, Number(event.url.searchParams.get('page')) || 1));
	const caller = callerFor(event);
	const [list, mine] = await Promise.all([
		caller.clusters.list({ page }),
		event.locals.user ? caller.clusters.mine() : Promise.resolve([])
	]);
	return { list, mine };
};
