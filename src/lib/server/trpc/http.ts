import type { TRPCError } from '@trpc/server';

export const TRPC_PATH = '/api/trpc';

/** What tRPC 10 hands `responseMeta`: typed as TRPCError, but the shapes our errorFormatter made. */
interface FormattedError {
	data?: { unavailable?: boolean; retryAfter?: number };
}

/**
 * HTTP details tRPC 10 cannot express by itself: 503 when a store is down, Retry-After on 429.
 * Reads the formatted error (see `errorFormatter` in init.ts): tRPC 10 passes the error shapes
 * here, not the TRPCErrors with their causes.
 */
export function trpcResponseMeta({ errors }: { errors: TRPCError[] }) {
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	for (const error of errors as unknown as FormattedError[]) {
		if (error.data?.retryAfter) headers['retry-after'] = String(error.data.retryAfter);
		if (error.data?.unavailable)
			return { status: 503, headers: { ...headers, 'retry-after': '5' } };
	}
	return { headers };
}
