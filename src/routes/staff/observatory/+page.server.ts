import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { filtersFromUrl } from '$lib/server/observatory/filters-from-url';

export const load: PageServerLoad = async (event) => ({
	observatory: await callerFor(event)
		.staff.observatory(filtersFromUrl(event.url))
		.catch(pageError(event))
});
