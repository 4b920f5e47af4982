import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { orHttpError } from '$lib/server/load-errors';
import { filtersFromUrl } from '$lib/server/observatory/filters-from-url';

export const load: PageServerLoad = async (event) => ({
	observatory: await orHttpError(callerFor(event).staff.observatory(filtersFromUrl(event.url)))
});
