import { router, publicProcedure } from '../init';
import { searchOrganizationsInput } from '$lib/server/search/search.schema';
import { searchOrganizations } from '$lib/server/search/search.service';

export const searchRouter = router({
	/** The public directory: visitors search too; only searchable organizations are ever indexed. */
	organizations: publicProcedure
		.input(searchOrganizationsInput)
		.query(({ ctx, input }) =>
			searchOrganizations(ctx.deps, input, { userId: ctx.user?.id ?? null, locale: ctx.locale })
		)
});
