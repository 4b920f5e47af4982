import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { parseSearchParams, townPoint } from '$lib/search/params';
import type { SearchOrganizationsInput } from '$lib/server/search/search.schema';

/**
 * The public directory: visitors may search (only searchable organizations are ever indexed).
 * The URL is the whole state, so this load also serves the page as a plain GET form.
 */
export const load: PageServerLoad = async (event) => {
	const state = parseSearchParams(event.url.searchParams);
	const result = await callerFor(event).search.organizations({
		q: state.q,
		// parseSearchParams kept known codes only.
		filters: state.filters as SearchOrganizationsInput['filters'],
		sort: state.sort,
		near: state.near && state.near !== 'org' ? townPoint(state.near) : undefined,
		page: state.page
	});
	return { state, result };
};
