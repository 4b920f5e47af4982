import { TRPCError } from '@trpc/server';
import { appRouter } from '../../src/lib/server/trpc/root';

/**
 * Every tRPC procedure of the app, read from the router itself: a procedure added without an entry
 * in the tests that enumerate them makes those tests fail.
 */
export interface ProcedureDef {
	meta?: { access?: 'public' | 'protected' | 'staff' | 'admin' };
	inputs: unknown[];
	query?: boolean;
	mutation?: boolean;
}

export const procedureDefs: Record<string, ProcedureDef> = Object.fromEntries(
	Object.entries(
		(appRouter._def as unknown as { procedures: Record<string, { _def: ProcedureDef }> }).procedures
	).map(([path, p]) => [path, p._def])
);
export const procedurePaths = Object.keys(procedureDefs).sort();

/** Calls a procedure by its dotted path on a caller. */
export function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
	let fn: unknown = caller;
	for (const part of path.split('.')) fn = (fn as Record<string, unknown>)[part];
	return (fn as (input: unknown) => Promise<unknown>)(input);
}

export type Outcome =
	{ ok: true; data: unknown } | { ok: false; code: TRPCError['code']; error: TRPCError };

export async function outcome(p: Promise<unknown>): Promise<Outcome> {
	try {
		return { ok: true, data: await p };
	} catch (err) {
		if (err instanceof TRPCError) return { ok: false, code: err.code, error: err };
		throw err;
	}
}

/** Answers that mean "refused because of the request", as opposed to a server fault. */
export const CLIENT_ERROR_CODES: readonly TRPCError['code'][] = [
	'BAD_REQUEST',
	'UNAUTHORIZED',
	'FORBIDDEN',
	'NOT_FOUND',
	'CONFLICT',
	'TOO_MANY_REQUESTS',
	'PAYLOAD_TOO_LARGE',
	'PRECONDITION_FAILED',
	'METHOD_NOT_SUPPORTED',
	'PARSE_ERROR',
	'UNPROCESSABLE_CONTENT' as TRPCError['code']
];
