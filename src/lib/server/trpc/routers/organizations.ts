import { router, publicProcedure, protectedProcedure } from '../init';
import * as orgs from '$lib/server/organizations/organizations.service';
import { setLogo, removeLogo } from '$lib/server/organizations/logo.service';
import {
	profileInput,
	updateProfileInput,
	setStatusInput,
	setLogoInput,
	orgIdInput,
	slugInput
} from '$lib/server/organizations/organizations.schema';
import { organizationListingsRouter } from './organization-listings';
import { organizationMembersRouter } from './organization-members';

/** Organization profiles; offers/needs and members are sub-routers of the same domain. */
export const organizationsRouter = router({
	/** A draft whose creator becomes its owner. */
	create: protectedProcedure
		.input(profileInput)
		.mutation(({ ctx, input }) => orgs.createOrganization(ctx.deps, ctx.user.id, input)),

	/** Replaces every profile field. */
	update: protectedProcedure.input(updateProfileInput).mutation(async ({ ctx, input }) => {
		await orgs.updateOrganization(ctx.deps, ctx.user.id, input);
		return { ok: true as const };
	}),

	setStatus: protectedProcedure
		.input(setStatusInput)
		.mutation(({ ctx, input }) => orgs.setOrganizationStatus(ctx.deps, ctx.user.id, input)),

	/** In-process only (the edit page's form action passes the uploaded bytes). */
	setLogo: protectedProcedure
		.input(setLogoInput)
		.mutation(({ ctx, input }) => setLogo(ctx.deps, ctx.user.id, input)),

	removeLogo: protectedProcedure
		.input(orgIdInput)
		.mutation(({ ctx, input }) => removeLogo(ctx.deps, ctx.user.id, input)),

	/** Owners only; the organization, its offers, needs and memberships are gone for good. */
	delete: protectedProcedure.input(orgIdInput).mutation(async ({ ctx, input }) => {
		await orgs.deleteOrganization(ctx.deps, ctx.user.id, input);
		return { ok: true as const };
	}),

	/** The public profile; drafts, hidden and suspended ones only for members and staff. */
	bySlug: publicProcedure
		.input(slugInput)
		.query(({ ctx, input }) => orgs.getProfile(ctx.deps, ctx.user, input.slug)),

	forEdit: protectedProcedure
		.input(slugInput)
		.query(({ ctx, input }) => orgs.getForEdit(ctx.deps, ctx.user.id, input.slug)),

	mine: protectedProcedure.query(({ ctx }) => orgs.listMyOrganizations(ctx.deps, ctx.user.id)),

	listings: organizationListingsRouter,
	members: organizationMembersRouter
});
