import { z } from 'zod';
import { router, protectedProcedure } from '../init';
import {
	answerRequest,
	connectionBetween,
	listOrgConnections,
	requestConnection
} from '$lib/server/connections/connections.service';
import {
	answerInput,
	betweenInput,
	listInput,
	requestInput
} from '$lib/server/connections/connections.schema';
import { listUserOrganizations } from '$lib/server/matching/org-cards.repo';
import { toCard } from '$lib/server/matching/matching.service';

export const connectionsRouter = router({
	request: protectedProcedure
		.input(requestInput)
		.mutation(({ ctx, input }) => requestConnection(ctx.deps, ctx.user.id, input)),
	accept: protectedProcedure
		.input(answerInput)
		.mutation(({ ctx, input }) =>
			answerRequest(ctx.deps, ctx.user.id, input.connectionId, 'accepted')
		),
	decline: protectedProcedure
		.input(answerInput)
		.mutation(({ ctx, input }) =>
			answerRequest(ctx.deps, ctx.user.id, input.connectionId, 'declined')
		),
	withdraw: protectedProcedure
		.input(answerInput)
		.mutation(({ ctx, input }) =>
			answerRequest(ctx.deps, ctx.user.id, input.connectionId, 'withdrawn')
		),
	list: protectedProcedure
		.input(listInput)
		.query(({ ctx, input }) => listOrgConnections(ctx.deps, ctx.user.id, input)),
	between: protectedProcedure
		.input(betweenInput)
		.query(({ ctx, input }) => connectionBetween(ctx.deps, ctx.user.id, input)),
	/** My organizations and my role in each: the "as which organization" choice of a request. */
	myOrganizations: protectedProcedure.input(z.void()).query(async ({ ctx }) =>
		(await listUserOrganizations(ctx.deps.db, ctx.user.id)).map((o) => ({
			...toCard(o),
			role: o.role,
			published: o.status === 'published' && !o.suspended
		}))
	)
});
