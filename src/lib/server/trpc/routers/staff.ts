import { z } from 'zod';
import { router, staffProcedure, adminProcedure } from '../init';
import { notFound } from '$lib/server/errors';
import * as verification from '$lib/server/verification/verification.service';
import * as verificationRepo from '$lib/server/verification/verification.repo';
import { getOrganizationDossier } from '$lib/server/verification/dossier';
import * as reportsRepo from '$lib/server/moderation/reports.repo';
import { moderate } from '$lib/server/moderation/moderation.service';
import { moderateInput } from '$lib/server/moderation/moderation.schema';
import { describeTarget } from '$lib/server/moderation/target-context';
import { listAudit } from '$lib/server/staff/audit.service';
import { listStaff, setStaffRole } from '$lib/server/staff/roles.service';
import { queueCounts } from '$lib/server/staff/queues';
import { computeObservatory } from '$lib/server/observatory/observatory.service';
import { observatoryFilters } from '$lib/server/observatory/observatory.schema';

const PAGE = 20;
const page = z.number().int().min(1).max(10_000).default(1);
const targetRef = z.object({
	targetType: z.enum(['message', 'organization', 'cluster', 'user']),
	targetId: z.string().min(1).max(64)
});

/** Every procedure here is staff-only (admins for roles); tests enumerate them and call each as a member and a visitor. */
export const staffRouter = router({
	queues: staffProcedure.query(({ ctx }) => queueCounts(ctx.deps.db)),

	verificationQueue: staffProcedure
		.input(
			z.object({ status: z.enum(['pending', 'verified', 'rejected']).default('pending'), page })
		)
		.query(async ({ ctx, input }) => {
			const items = await verificationRepo.listQueue(ctx.deps.db, {
				status: input.status,
				limit: PAGE,
				offset: (input.page - 1) * PAGE
			});
			return { items, total: items[0]?.total ?? 0, page: input.page, pageSize: PAGE };
		}),
	verificationRequest: staffProcedure
		.input(z.object({ id: z.uuid() }))
		.query(async ({ ctx, input }) => {
			const request = await verificationRepo.findRequest(ctx.deps.db, input.id);
			if (!request) throw notFound();
			const dossier = await getOrganizationDossier(ctx.deps.db, request.organization_id);
			if (!dossier) throw notFound();
			return { request, dossier };
		}),
	decideVerification: staffProcedure
		.input(
			z.object({
				id: z.uuid(),
				decision: z.enum(['verify', 'reject']),
				reason: z.string().trim().max(2000).optional()
			})
		)
		.mutation(async ({ ctx, input }) => {
			await verification.decideVerification(
				ctx.deps,
				ctx.user,
				input.id,
				input.decision,
				input.reason
			);
			return { ok: true as const };
		}),
	revokeVerification: staffProcedure
		.input(z.object({ organizationId: z.uuid(), reason: z.string().trim().min(3).max(2000) }))
		.mutation(async ({ ctx, input }) => {
			await verification.revokeVerification(ctx.deps, ctx.user, input.organizationId, input.reason);
			return { ok: true as const };
		}),

	reportQueue: staffProcedure
		.input(
			z.object({
				targetType: z.enum(['message', 'organization', 'cluster', 'user']).optional(),
				page
			})
		)
		.query(async ({ ctx, input }) => {
			const groups = await reportsRepo.listOpenGroups(ctx.deps.db, {
				targetType: input.targetType,
				limit: PAGE,
				offset: (input.page - 1) * PAGE
			});
			const withContext = await Promise.all(
				groups.map(async (g) => ({
					...g,
					target: await describeTarget(ctx.deps.db, g.target_type, g.target_id, { around: 0 })
				}))
			);
			return {
				groups: withContext,
				total: groups[0]?.total ?? 0,
				page: input.page,
				pageSize: PAGE
			};
		}),
	reportTarget: staffProcedure.input(targetRef).query(async ({ ctx, input }) => ({
		reports: await reportsRepo.listReportsOf(ctx.deps.db, input.targetType, input.targetId),
		target: await describeTarget(ctx.deps.db, input.targetType, input.targetId, { around: 5 })
	})),
	moderate: staffProcedure.input(moderateInput).mutation(async ({ ctx, input }) => {
		await moderate(ctx.deps, ctx.user, input);
		return { ok: true as const };
	}),

	audit: staffProcedure
		.input(
			z.object({
				action: z.string().max(80).optional(),
				targetType: z.string().max(40).optional(),
				targetId: z.string().max(64).optional(),
				actorEmail: z.string().max(254).optional(),
				from: z.coerce.date().optional(),
				to: z.coerce.date().optional(),
				page
			})
		)
		.query(({ ctx, input }) => listAudit(ctx.deps, input)),

	observatory: staffProcedure
		.input(observatoryFilters)
		.query(({ ctx, input }) => computeObservatory(ctx.deps.db, input, { staff: true })),

	listStaff: adminProcedure.query(({ ctx }) => listStaff(ctx.deps)),
	setStaffRole: adminProcedure
		.input(z.object({ email: z.string().trim().toLowerCase().max(254), grant: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			await setStaffRole(ctx.deps, ctx.user, input.email, input.grant);
			return { ok: true as const };
		})
});
