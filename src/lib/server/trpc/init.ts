import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context';
import { AppError, type AppErrorCode } from '$lib/server/errors';
import { isConnectionError } from '$lib/server/db/db';
import { localizeError } from './error-format';
import { inputProblem } from '$lib/server/input/input-guard';

const TRPC_CODE: Record<AppErrorCode, TRPCError['code']> = {
	BAD_REQUEST: 'BAD_REQUEST',
	UNAUTHORIZED: 'UNAUTHORIZED',
	FORBIDDEN: 'FORBIDDEN',
	NOT_FOUND: 'NOT_FOUND',
	CONFLICT: 'CONFLICT',
	TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
	PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
	// tRPC 10 has no 503; the HTTP status is set to 503 in the handle's responseMeta.
	SERVICE_UNAVAILABLE: 'INTERNAL_SERVER_ERROR'
};

/** Who may call a procedure; tests enumerate the staff and admin ones from the router. */
export interface ProcedureMeta {
	access?: 'public' | 'protected' | 'staff' | 'admin';
}

const t = initTRPC
	.context<Context>()
	.meta<ProcedureMeta>()
	.create({
		errorFormatter({ shape, error, ctx }) {
			const localized = localizeError(error, ctx?.locale ?? 'ar');
			return {
				...shape,
				message: localized.message,
				data: {
					code: shape.data.code,
					httpStatus: shape.data.httpStatus,
					path: shape.data.path,
					messageKey: localized.messageKey,
					fieldErrors: localized.fieldErrors,
					retryAfter: localized.retryAfter,
					unavailable: localized.unavailable
				}
			};
		}
	});

/** Turns domain errors into tRPC errors that keep the AppError as their cause. */
const mapErrors = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok) {
		const cause = result.error.cause;
		if (cause instanceof AppError) {
			throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.messageKey, cause });
		}
		if (isConnectionError(cause)) {
			throw new TRPCError({
				code: 'INTERNAL_SERVER_ERROR',
				message: 'error_unavailable',
				cause: new AppError('SERVICE_UNAVAILABLE', 'error_unavailable')
			});
		}
	}
	return result;
});

/** Text PostgreSQL cannot hold and absurdly deep payloads are bad input, before any schema. */
const guardInput = t.middleware(({ rawInput, next }) => {
	if (inputProblem(rawInput))
		throw new TRPCError({ code: 'BAD_REQUEST', message: 'error_invalid_input' });
	return next();
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors).use(guardInput);

export const protectedProcedure = publicProcedure
	.meta({ access: 'protected' })
	.use(({ ctx, next }) => {
		if (!ctx.user || !ctx.session)
			throw new TRPCError({ code: 'UNAUTHORIZED', message: 'error_sign_in_required' });
		return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
	});

export const staffProcedure = protectedProcedure.meta({ access: 'staff' }).use(({ ctx, next }) => {
	if (ctx.user.role !== 'staff' && ctx.user.role !== 'admin')
		throw new TRPCError({ code: 'FORBIDDEN', message: 'error_forbidden' });
	// Staff work only with a second factor (a session with one enabled is verified by construction).
	if (!ctx.user.totpEnabled)
		throw new TRPCError({ code: 'FORBIDDEN', message: 'error_two_factor_setup_required' });
	return next();
});

export const adminProcedure = staffProcedure.meta({ access: 'admin' }).use(({ ctx, next }) => {
	if (ctx.user.role !== 'admin')
		throw new TRPCError({ code: 'FORBIDDEN', message: 'error_forbidden' });
	return next();
});

export { ZodError };
