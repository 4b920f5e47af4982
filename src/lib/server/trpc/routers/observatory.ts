import { router, publicProcedure } from '../init';
import { computeObservatory } from '$lib/server/observatory/observatory.service';
import { observatoryFilters } from '$lib/server/observatory/observatory.schema';

export const observatoryRouter = router({
	/** The public indicators (the staff view adds more: staff.observatory). */
	get: publicProcedure
		.input(observatoryFilters)
		.query(({ ctx, input }) => computeObservatory(ctx.deps.db, input, { staff: false }))
});
