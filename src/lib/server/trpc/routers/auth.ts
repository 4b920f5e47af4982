import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { secondFactorRequired } from '$lib/server/auth/two-factor.service';
import { router, publicProcedure } from '../init';
import * as auth from '$lib/server/auth/auth.service';
import {
	signUpInput,
	signInInput,
	requestResetInput,
	resetPasswordInput,
	localeSchema
} from '$lib/server/auth/auth.schema';
import { setSessionCookie, clearSessionCookie, setLocaleCookie } from '../session-cookie';
import type { User } from 'lucia';
import type { Context } from '../context';

/** What the browser may know about the signed-in user. */
export function publicUser(user: User) {
	return {
		id: user.id,
		email: user.email,
		displayName: user.displayName,
		locale: user.locale,
		role: user.role
	};
}
export type PublicUser = ReturnType<typeof publicUser>;

/**
 * A new session on every sign-in and sign-up; the one this browser had (even one still waiting for
 * its second factor) is ended, never reused (no session fixation). Only once the new one exists: a
 * mistyped password or a refused sign-up leaves whoever was signed in as they were.
 */
async function endPreviousSession(ctx: Context) {
	const previous = ctx.session ?? ctx.pending?.session;
	if (previous) await auth.signOut(ctx.deps, previous.id);
}

export const authRouter = router({
	me: publicProcedure.query(({ ctx }) => (ctx.user ? publicUser(ctx.user) : null)),

	signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
		const { session, user } = await auth.signUp(ctx.deps, input, ctx);
		await endPreviousSession(ctx);
		setSessionCookie(ctx, session);
		setLocaleCookie(ctx, user.locale);
		return publicUser(user);
	}),

	signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
		const { session, user } = await auth.signIn(ctx.deps, input, ctx);
		await endPreviousSession(ctx);
		setSessionCookie(ctx, session);
		setLocaleCookie(ctx, user.locale);
		return {
			...publicUser(user),
			/** The code from the authenticator app is asked next (/sign-in/two-factor). */
			needsSecondFactor: user.totpEnabled,
			/** Staff and admins without a second factor set it up before any staff work. */
			mustSetUpSecondFactor: !user.totpEnabled && secondFactorRequired(user)
		};
	}),

	// Also for a session still waiting for its second factor.
	signOut: publicProcedure.mutation(async ({ ctx }) => {
		const session = ctx.session ?? ctx.pending?.session;
		if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'error_sign_in_required' });
		await auth.signOut(ctx.deps, session.id);
		clearSessionCookie(ctx);
		return { ok: true as const };
	}),

	/** Kept in a cookie for everyone, and in the account when signed in. */
	setLocale: publicProcedure
		.input(z.object({ locale: localeSchema }))
		.mutation(async ({ ctx, input }) => {
			if (ctx.user) await auth.setLocale(ctx.deps, ctx.user.id, input.locale);
			setLocaleCookie(ctx, input.locale);
			return { locale: input.locale };
		}),

	requestPasswordReset: publicProcedure
		.input(requestResetInput)
		.mutation(async ({ ctx, input }) => {
			await auth.requestPasswordReset(ctx.deps, input.email, ctx);
			return { ok: true as const };
		}),

	resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
		await auth.resetPassword(ctx.deps, input.token, input.password, ctx);
		return { ok: true as const };
	})
});
