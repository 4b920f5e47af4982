import { router, publicProcedure, protectedProcedure } from '../init';
import * as members from '$lib/server/organizations/members.service';
import {
	orgInput,
	inviteInput,
	setRoleInput,
	removeMemberInput,
	revokeInvitationInput,
	tokenInput
} from '$lib/server/organizations/members.schema';

/** Members, roles and invitations. */
export const organizationMembersRouter = router({
	list: protectedProcedure
		.input(orgInput)
		.query(({ ctx, input }) => members.listMembers(ctx.deps, ctx.user.id, input.organizationId)),

	invite: protectedProcedure
		.input(inviteInput)
		.mutation(({ ctx, input }) => members.inviteMember(ctx.deps, ctx.user, input, ctx)),

	revokeInvitation: protectedProcedure
		.input(revokeInvitationInput)
		.mutation(async ({ ctx, input }) => {
			await members.revokeInvitation(ctx.deps, ctx.user.id, input);
			return { ok: true as const };
		}),

	setRole: protectedProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
		await members.setMemberRole(ctx.deps, ctx.user.id, input);
		return { ok: true as const };
	}),

	/** Removes a member; with one's own id, leaves the organization. */
	remove: protectedProcedure.input(removeMemberInput).mutation(async ({ ctx, input }) => {
		await members.removeMember(ctx.deps, ctx.user.id, input);
		return { ok: true as const };
	}),

	/** What the invitation link leads to (anyone holding the link). */
	invitation: publicProcedure
		.input(tokenInput)
		.query(({ ctx, input }) => members.getInvitation(ctx.deps, input.token, ctx.locale)),

	accept: protectedProcedure
		.input(tokenInput)
		.mutation(({ ctx, input }) => members.acceptInvitation(ctx.deps, ctx.user, input.token))
});
