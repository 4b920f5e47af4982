import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { filtersFromUrl } from '$lib/server/observatory/filters-from-url';

export const load: PageServerLoad = async (event) => {
	const filters = filtersFromUrl(event.url);
	return {
		observatory: await callerFor(event).observatory.get(filters).catch(pageError(event)),
		staffView: false
	};
};
