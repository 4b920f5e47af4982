import { router, protectedProcedure } from '../init';
import {
	dismissSuggestion,
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
