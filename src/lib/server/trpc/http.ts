import type { TRPCError } from '@trpc/server';
import { AppError } from '$lib/server/errors';
import { isConnectionError } from '$lib/server/db/db';

export const TRPC_PATH = '/api/trpc';

/** HTTP details tRPC 10 cannot express by itself: 503 when a store is down, Retry-After on 429. */
export function trpcResponseMeta({ errors }: { errors: TRPCError[] }) {
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	for (const error of errors) {
		const cause = error.cause;
		if (cause instanceof AppError && cause.options.retryAfter)
			headers['retry-after'] = String(cause.options.retryAfter);
		if (
			(cause instanceof AppError && cause.code === 'SERVICE_UNAVAILABLE') ||
			isConnectionError(cause)
		) {
			return { status: 503, headers: { ...headers, 'retry-after': '5' } };
		}
	}
	return { headers };
}
