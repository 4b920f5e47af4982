import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { callByPath, restrictedProcedures } from '../helpers/staff-procedures';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

const restricted = restrictedProcedures;
const call = (caller: unknown, path: string) => callByPath(caller, path);

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

	it.each(restricted.filter(([, p]) => p.meta?.access === 'admin').map(([p]) => p))(
		'%s refuses staff who are not admins',
		async (path) => {
			expect(await call(await app.caller(await app.user({ role: 'staff' })), path)).toBe(
				'FORBIDDEN'
			);
		}
	);
});
