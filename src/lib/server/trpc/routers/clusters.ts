import { z } from 'zod';
import { router, publicProcedure, protectedProcedure, staffProcedure } from '../init';
import * as clusters from '$lib/server/clusters/clusters.service';
import * as repo from '$lib/server/clusters/clusters.repo';
import { getClusterView } from '$lib/server/clusters/clusters.view';
import { searchClusters } from '$lib/server/search/cluster-search';
import { suggestClustersFor } from '$lib/server/clusters/cluster-suggestions';
import { requireOrgRole } from '$lib/server/organizations/membership';
import {
	proposeClusterInput,
	clusterActorInput,
	clusterTargetInput,
	clusterDecisionInput,
	clusterRespondInput,
	clusterReasonInput,
	clusterActorReasonInput
} from '$lib/server/clusters/clusters.schema';

const PAGE = 20;

export const clustersRouter = router({
	/** The public list: active clusters, newest first. */
	list: publicProcedure
		.input(z.object({ page: z.number().int().min(1).max(1000).default(1) }))
		.query(async ({ ctx, input }) => {
			const rows = await repo.listClusters(ctx.deps.db, {
				statuses: ['active'],
				limit: PAGE,
				offset: (input.page - 1) * PAGE
			});
			return { clusters: rows, total: rows[0]?.total ?? 0, page: input.page, pageSize: PAGE };
		}),
	/** Active clusters matching a query (their own Meilisearch index; PostgreSQL when it is down). */
	search: publicProcedure
		.input(
			z.object({
				q: z.string().max(200).default(''),
				page: z.number().int().min(1).max(100).default(1)
			})
		)
		.query(({ ctx, input }) => searchClusters(ctx.deps, input.q, input.page)),
	/** Active clusters that fit an organization (for its members). */
	suggestionsFor: protectedProcedure
		.input(z.object({ organizationId: z.uuid() }))
		.query(async ({ ctx, input }) => {
			await requireOrgRole(ctx.deps.db, input.organizationId, ctx.user.id);
			return suggestClustersFor(ctx.deps.db, input.organizationId);
		}),
	get: publicProcedure
		.input(z.object({ idOrSlug: z.string().min(1).max(100) }))
		.query(({ ctx, input }) => getClusterView(ctx.deps, ctx.user, input.idOrSlug)),
	mine: protectedProcedure.query(({ ctx }) => repo.listUserClusters(ctx.deps.db, ctx.user.id)),

	propose: protectedProcedure
		.input(proposeClusterInput)
		.mutation(({ ctx, input }) => clusters.proposeCluster(ctx.deps, ctx.user, input)),
	invite: protectedProcedure
		.input(clusterTargetInput)
		.mutation(({ ctx, input }) =>
			clusters.inviteOrganization(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.targetOrgId,
				input.message
			)
		),
	requestToJoin: protectedProcedure
		.input(clusterActorInput.extend({ message: z.string().trim().max(1000).optional() }))
		.mutation(({ ctx, input }) =>
			clusters.requestToJoin(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.message
			)
		),
	respondToInvitation: protectedProcedure
		.input(clusterRespondInput)
		.mutation(({ ctx, input }) =>
			clusters.respondToInvitation(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.accept
			)
		),
	decideRequest: protectedProcedure
		.input(clusterDecisionInput)
		.mutation(({ ctx, input }) =>
			clusters.decideRequest(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.targetOrgId,
				input.accept
			)
		),
	leave: protectedProcedure
		.input(clusterActorInput)
		.mutation(({ ctx, input }) =>
			clusters.leaveCluster(ctx.deps, ctx.user, input.clusterId, input.organizationId)
		),
	remove: protectedProcedure
		.input(clusterTargetInput)
		.mutation(({ ctx, input }) =>
			clusters.removeMember(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.targetOrgId,
				input.message
			)
		),
	transferCoordination: protectedProcedure
		.input(clusterTargetInput)
		.mutation(({ ctx, input }) =>
			clusters.transferCoordination(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.targetOrgId
			)
		),
	submit: protectedProcedure
		.input(clusterActorInput)
		.mutation(({ ctx, input }) =>
			clusters.submitForApproval(ctx.deps, ctx.user, input.clusterId, input.organizationId)
		),
	archive: protectedProcedure
		.input(clusterActorReasonInput)
		.mutation(({ ctx, input }) =>
			clusters.archiveCluster(
				ctx.deps,
				ctx.user,
				input.clusterId,
				input.organizationId,
				input.reason
			)
		),

	/** Staff: the approval queue and decisions. */
	reviewQueue: staffProcedure.query(({ ctx }) =>
		repo.listClusters(ctx.deps.db, { statuses: ['submitted'], limit: 100, offset: 0 })
	),
	approve: staffProcedure
		.input(clusterActorInput.pick({ clusterId: true }))
		.mutation(({ ctx, input }) =>
			clusters.reviewCluster(ctx.deps, ctx.user, input.clusterId, 'approve')
		),
	returnToForming: staffProcedure
		.input(clusterReasonInput)
		.mutation(({ ctx, input }) =>
			clusters.reviewCluster(ctx.deps, ctx.user, input.clusterId, 'return', input.reason)
		),
	archiveAsStaff: staffProcedure
		.input(clusterReasonInput)
		.mutation(({ ctx, input }) =>
			clusters.archiveCluster(ctx.deps, ctx.user, input.clusterId, null, input.reason)
		)
});
