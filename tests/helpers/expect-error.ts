import { expect } from 'vitest';
import { TRPCError } from '@trpc/server';
import { AppError } from '../../src/lib/server/errors';

/** The call fails with this tRPC code (and, when given, this message key from the catalogues). */
export async function expectTrpcError(
	call: Promise<unknown>,
	code: TRPCError['code'],
	key?: string
) {
	const err = await call.then(
		() => null,
		(e: unknown) => e
	);
	expect(err, `expected ${code}`).toBeInstanceOf(TRPCError);
	expect((err as TRPCError).code).toBe(code);
	if (key)
		expect(
			((err as TRPCError).cause as AppError | undefined)?.messageKey ?? (err as TRPCError).message
		).toBe(key);
	return err as TRPCError;
}
