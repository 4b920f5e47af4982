import { router, protectedProcedure } from '../init';
import { z } from 'zod';
import {
	dismissSuggestion,
	organizationForMember,
	listDismissed,
	listSuggestions,
	undoDismissal
} from '$lib/server/matching/matching.service';
import {
	dismissInput,
	dismissalsInput,
	suggestionsInput
} from '$lib/server/matching/matching.schema';

export const matchingRouter = router({
	/** The organization behind /o/[slug]/suggestions and /connections, for its members. */
	organization: protectedProcedure
		.input(z.object({ slug: z.string().min(1).max(80) }))
		.query(({ ctx, input }) => organizationForMember(ctx.deps, ctx.user.id, input.slug)),
	suggestions: protectedProcedure
		.input(suggestionsInput)
		.query(({ ctx, input }) => listSuggestions(ctx.deps, ctx.user.id, input)),
	dismiss: protectedProcedure
		.input(dismissInput)
		.mutation(({ ctx, input }) => dismissSuggestion(ctx.deps, ctx.user.id, input)),
	undoDismiss: protectedProcedure
		.input(dismissInput)
		.mutation(({ ctx, input }) => undoDismissal(ctx.deps, ctx.user.id, input)),
	dismissals: protectedProcedure
		.input(dismissalsInput)
		.query(({ ctx, input }) => listDismissed(ctx.deps, ctx.user.id, input))
});
