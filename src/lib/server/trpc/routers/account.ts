import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { router, publicProcedure, protectedProcedure } from '../init';
import { emailSchema, passwordSchema } from '$lib/server/auth/auth.schema';
import * as account from '$lib/server/auth/account.service';
import * as twoFactor from '$lib/server/auth/two-factor.service';
import { setSessionCookie } from '../session-cookie';

const code = z.object({ code: z.string().trim().min(6).max(20) });

export const accountRouter = router({
	changePassword: protectedProcedure
		.input(z.object({ currentPassword: z.string().min(1).max(512), newPassword: passwordSchema }))
		.mutation(async ({ ctx, input }) => {
			const fresh = await account.changePassword(ctx.deps, ctx.user, ctx.session, input, ctx);
			setSessionCookie(ctx, fresh);
			return { ok: true as const };
		}),
	changeEmail: protectedProcedure
		.input(z.object({ currentPassword: z.string().min(1).max(512), newEmail: emailSchema }))
		.mutation(async ({ ctx, input }) => {
			await account.changeEmail(ctx.deps, ctx.user, input);
			return { ok: true as const };
		}),
	signOutOtherSessions: protectedProcedure.mutation(({ ctx }) =>
		account.signOutOtherSessions(ctx.deps, ctx.user, ctx.session)
	),

	twoFactorStatus: protectedProcedure.query(({ ctx }) =>
		twoFactor.twoFactorStatus(ctx.deps, ctx.user)
	),
	beginTwoFactorSetup: protectedProcedure.mutation(({ ctx }) =>
		twoFactor.beginSetup(ctx.deps, ctx.user)
	),
	confirmTwoFactorSetup: protectedProcedure
		.input(code)
		.mutation(({ ctx, input }) =>
			twoFactor.confirmSetup(ctx.deps, ctx.user, ctx.session, input.code)
		),
	regenerateRecoveryCodes: protectedProcedure.mutation(({ ctx }) =>
		twoFactor.regenerateRecoveryCodes(ctx.deps, ctx.user)
	),

	/** The second sign-in step, for a session that waits for its code (a recovery code works too). */
	verifySecondFactor: publicProcedure.input(code).mutation(async ({ ctx, input }) => {
		if (!ctx.pending)
			throw new TRPCError({ code: 'UNAUTHORIZED', message: 'error_sign_in_required' });
		await twoFactor.verifySecondFactor(ctx.deps, ctx.pending.user, ctx.pending.session, input.code);
		return { ok: true as const };
	})
});
