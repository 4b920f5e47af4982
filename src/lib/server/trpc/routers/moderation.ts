import { router, protectedProcedure } from '../init';
import { reportTarget } from '$lib/server/moderation/moderation.service';
import { reportInput } from '$lib/server/moderation/moderation.schema';

export const moderationRouter = router({
	/** Report an organization, a cluster or a person (messages are reported from the conversation). */
	report: protectedProcedure
		.input(reportInput)
		.mutation(({ ctx, input }) => reportTarget(ctx.deps, ctx.user, input))
});
