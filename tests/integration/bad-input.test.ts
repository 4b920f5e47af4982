import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import {
	CLIENT_ERROR_CODES,
	callPath,
	outcome,
	procedureDefs,
	procedurePaths
} from '../helpers/procedures';
import { badInputFor, everyStringAs, knownIds } from '../helpers/bad-input';
import { makeOrg } from '../helpers/organizations';
import { localizeError } from '../../src/lib/server/trpc/error-format';

/**
 * Every tRPC procedure, enumerated from the router, gets malformed input (fast-check): the answer
 * is a result or a client error (4xx class) with a clear message, never INTERNAL_SERVER_ERROR, and
 * the app still answers its health check afterwards. Callers are in-process, as server loads use
 * them; tRPC over HTTP and socket events are in bad-input-http.test.ts / bad-input-socket.test.ts.
 */
let app: TestApp;
let member: TestUser, admin: TestUser;
const RUNS = 8;

beforeAll(async () => {
	app = await createTestApp();
	[member, admin] = await Promise.all([app.user(), app.user({ role: 'admin' })]);
	const org = await makeOrg(app, member);
	knownIds.push(org.id, member.id);
});
afterAll(() => app?.close());

/** A fresh session for the user on every call: some procedures (sign out) end the one they run in. */
async function freshCaller(user: TestUser | null) {
	if (!user) return app.caller(null);
	const session = await app.deps.lucia.createSession(user.id, {
		created_at: new Date(),
		ip: null,
		user_agent: null,
		two_factor_verified: true
	});
	return app.caller({ ...user, sessionId: session.id });
}

function expectClientError(
	path: string,
	input: unknown,
	result: Awaited<ReturnType<typeof outcome>>
) {
	const shown = (() => {
		try {
			return JSON.stringify(input)?.slice(0, 200);
		} catch {
			return String(input);
		}
	})();
	expect(
		result.ok || CLIENT_ERROR_CODES.includes(result.code),
		result.ok
			? path
			: `${path} answered ${result.code} to ${shown}: ${String(result.error.cause ?? result.error.message)}`
	).toBe(true);
	if (result.ok) return;
	const localized = localizeError(result.error, 'en');
	expect(localized.messageKey).not.toBe('error_internal');
	expect(localized.message.length).toBeGreaterThan(0);
}

describe('malformed input to every procedure', () => {
	it('covers the whole router', () => {
		expect(procedurePaths.length).toBeGreaterThan(80);
	});

	it.each(procedurePaths)('%s answers a client error, never a 500', async (path) => {
		const def = procedureDefs[path];
		const access = def.meta?.access;
		const actors: (TestUser | null)[] =
			access === 'staff' || access === 'admin'
				? [admin]
				: access === 'protected'
					? [member]
					: [null, member];
		for (const actor of actors) {
			await fc.assert(
				fc.asyncProperty(badInputFor(def.inputs), async (input) => {
					const caller = await freshCaller(actor);
					expectClientError(path, input, await outcome(callPath(caller, path, input)));
				}),
				{
					numRuns: RUNS,
					examples: [
						[everyStringAs(def.inputs, 'x\u0000y')],
						[everyStringAs(def.inputs, '\uD800')],
						// Passes a loose /^[0-9a-f-]{36}$/ check, then fails PostgreSQL's uuid cast.
						[everyStringAs(def.inputs, '-'.repeat(36))],
						[everyStringAs(def.inputs, 'z'.repeat(100_000))]
					]
				}
			);
		}
	});

	it('still answers its health check', async () => {
		const health = await (await app.caller(null)).health.check();
		expect(health.database).toBe('up');
	});

	it("refuses NUL and lone surrogates with a clear BAD_REQUEST, in the user's language", async () => {
		const caller = await app.caller(member, 'fr');
		const err = await caller.organizations.bySlug({ slug: 'a\u0000b' }).catch((e) => e);
		expect(err).toBeInstanceOf(TRPCError);
		expect(err.code).toBe('BAD_REQUEST');
		expect(localizeError(err, 'fr').messageKey).toBe('error_invalid_input');
	});
});
