import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';

export const load: PageServerLoad = async (event) => {
	const page = Math.max(1, Math.min(100, Number(event.url.searchParams.get('page')) || 1));
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const caller = callerFor(event);
	const [list, found, mine] = await Promise.all([
		q ? null : caller.clusters.list({ page }),
		q ? caller.clusters.search({ q, page }) : null,
		event.locals.user ? caller.clusters.mine() : Promise.resolve([])
	]);
	return { list, found, q, page, mine };
};
