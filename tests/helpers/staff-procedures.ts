import { callPath, outcome, procedureDefs } from './procedures';

/** The staff and admin procedures (access meta 'staff' or 'admin'), as [path, definition]. */
export const restrictedProcedures = Object.entries(procedureDefs).filter(
	([, d]) => d.meta?.access === 'staff' || d.meta?.access === 'admin'
);

/**
 * Calls a procedure by its dotted path with no input (access is checked before input); answers
 * 'OK' or the tRPC error code, with `:message` when `withMessage`.
 */
export async function callByPath(caller: unknown, path: string, withMessage = false) {
	const o = await outcome(callPath(caller, path, undefined));
	if (o.ok) return 'OK';
	return withMessage ? `${o.code}:${o.error.message}` : o.code;
}
