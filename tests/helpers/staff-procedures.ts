import { TRPCError } from '@trpc/server';
import { appRouter } from '../../src/lib/server/trpc/root';

type AnyProcedure = { _def: { meta?: { access?: string }; query?: boolean; mutation?: boolean } };

/** Every tRPC procedure of the app, by dotted path, with its access meta. */
export const procedures = Object.entries(
	(appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures
);

/** The staff and admin procedures (access meta 'staff' or 'admin'). */
export const restrictedProcedures = procedures.filter(
	([, p]) => p._def.meta?.access === 'staff' || p._def.meta?.access === 'admin'
);

/**
 * Calls a procedure by its dotted path with no input (access is checked before input); answers
 * 'OK' or the tRPC error code, with `:message` when `withMessage`.
 */
export async function callByPath(caller: unknown, path: string, withMessage = false) {
	let fn: unknown = caller;
	for (const part of path.split('.')) fn = (fn as Record<string, unknown>)[part];
	try {
		await (fn as (input?: unknown) => Promise<unknown>)(undefined);
		return 'OK';
	} catch (err) {
		if (!(err instanceof TRPCError)) return String(err);
		return withMessage ? `${err.code}:${err.message}` : err.code;
	}
}
