import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError } from './errors';

/**
 * For server loads that call procedures: a refused or missing object becomes the matching error
 * page (401/403/404 with a message key the error page translates) instead of a 500.
 */
export async function orHttpError<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (err) {
		if (err instanceof TRPCError) {
			const status = getHTTPStatusCodeFromError(err);
			if (status < 500) {
				const key = err.cause instanceof AppError ? err.cause.messageKey : err.message;
				error(status as 400, key);
			}
		}
		throw err;
	}
}
