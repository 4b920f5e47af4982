import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { appRouter } from '../../src/lib/server/trpc/root';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

type AnyProcedure = { _def: { meta?: { access?: string }; query?: boolean; mutation?: boolean } };
const procedures = Object.entries(
	(appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures
);
const restricted = procedures.filter(
	([, p]) => p._def.meta?.access === 'staff' || p._def.meta?.access === 'admin'
);

/** Calls a procedure by its dotted path, with no input: access is checked before input. */
async function call(caller: unknown, path: string) {
	let fn: unknown = caller;
	for (const part of path.split('.')) fn = (fn as Record<string, unknown>)[part];
	try {
		await (fn as (input?: unknown) => Promise<unknown>)(undefined);
		return 'OK';
	} catch (err) {
		return err instanceof TRPCError ? err.code : String(err);
	}
}

describe('staff procedures, enumerated from the router', () => {
	it('finds the staff console procedures', () => {
		const paths = restricted.map(([p]) => p);
		expect(paths).toEqual(
			expect.arrayContaining([
				'staff.queues',
				'staff.moderate',
				'staff.decideVerification',
				'staff.audit',
				'clusters.approve',
				'staff.setStaffRole'
			])
		);
		expect(paths.length).toBeGreaterThanOrEqual(15);
	});

	it.each(restricted.map(([p]) => p))(
		'%s refuses a visitor (401) and a member (403)',
		async (path) => {
			expect(await call(await app.caller(null), path)).toBe('UNAUTHORIZED');
			expect(await call(await app.caller(await app.user()), path)).toBe('FORBIDDEN');
		}
	);

	it.each(restricted.filter(([, p]) => p._def.meta?.access === 'admin').map(([p]) => p))(
		'%s refuses staff who are not admins',
		async (path) => {
			expect(await call(await app.caller(await app.user({ role: 'staff' })), path)).toBe(
				'FORBIDDEN'
			);
		}
	);
});
