import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import {
	createTestApp,
	GOOD_PASSWORD,
	rejection,
	type TestApp,
	type TestUser
} from '../helpers/test-app';
import { createBareContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/root';
import { callByPath, restrictedProcedures } from '../helpers/staff-procedures';
import { IDLE_SLIDE_STEP_MS, validateSession } from '../../src/lib/server/auth/auth.service';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE } from '../../src/lib/server/auth/lucia';

/**
 * Issue 8 item 3, sessions: what complements account-security.test.ts and auth.test.ts (which
 * prove password/e-mail changes need the current password, password change and reset end every
 * session, the second-factor step, code replay and throttling).
 */
let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

const DAY = 24 * 3600 * 1000;
const sessionsOf = async (userId: string) =>
	(
		await app.db.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [userId])
	).rows.map((r) => r.id);
const expiresAt = async (id: string) =>
	(await app.db.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE id = $1', [id]))
		.rows[0]?.expires_at;

/** Moves a session's creation back by `age` and its expiry to now ± `expiresIn` (SQL intervals). */
async function setTimes(id: string, age: string, expiresIn: string) {
	const [sign, ...rest] = expiresIn.split(' ');
	await app.db.query(
		`UPDATE sessions SET created_at = now() - $2::interval,
		 expires_at = now() + ($3::interval * $4) WHERE id = $1`,
		[id, age, rest.join(' '), sign === '-' ? -1 : 1]
	);
}

/** As if the user had just typed the password in a new browser: the code is still to be given. */
const awaitSecondFactor = (id: string) =>
	app.db.query('UPDATE sessions SET two_factor_verified = false WHERE id = $1', [id]);

/** A caller for a browser that already holds `as`'s session cookie (validated like the hook does). */
async function browserWith(as: TestUser) {
	const v = await validateSession(app.deps, as.sessionId, { allowPendingSecondFactor: true });
	const pending = v && v.user.totpEnabled && !v.session.twoFactorVerified;
	return createCaller(
		createBareContext(app.deps, {
			user: pending ? null : (v?.user ?? null),
			session: pending ? null : (v?.session ?? null),
			pending: pending ? { user: v.user, session: v.session } : null,
			ip: '203.0.113.9'
		})
	);
}

describe('session tokens', () => {
	it('are 40 base32 characters (200 random bits, lucia 3 generateIdFromEntropySize(25)), all different', async () => {
		const u = await app.user();
		const ids: string[] = [];
		for (let i = 0; i < 300; i++)
			ids.push(
				(
					await app.deps.lucia.createSession(u.id, {
						created_at: new Date(),
						ip: null,
						user_agent: null
					})
				).id
			);
		for (const id of ids) expect(id).toMatch(/^[a-z2-7]{40}$/);
		expect(40 * Math.log2(32)).toBeGreaterThanOrEqual(128);
		expect(new Set(ids).size).toBe(ids.length);
		// Every symbol of the alphabet shows up: the ids are not drawn from a narrower set.
		expect(new Set(ids.join('')).size).toBe(32);
	});
});

describe('session fixation: a sign-in never keeps the session the browser had', () => {
	it('signing in over an existing session (own or someone else’s) ends it and starts a new one', async () => {
		const alice = await app.user();
		const mallory = await app.user();
		// Mallory's session cookie planted in Alice's browser; Alice signs in.
		const me = await (
			await browserWith(mallory)
		).auth.signIn({ email: alice.email, password: GOOD_PASSWORD });
		expect(me.id).toBe(alice.id);
		expect(await sessionsOf(mallory.id)).toEqual([]);
		const aliceSessions = await sessionsOf(alice.id);
		expect(aliceSessions).toHaveLength(2);
		// Alice signs in again in the browser that has her session: that one is replaced too.
		await (await browserWith(alice)).auth.signIn({ email: alice.email, password: GOOD_PASSWORD });
		const after = await sessionsOf(alice.id);
		expect(after).not.toContain(alice.sessionId);
		expect(after).toHaveLength(2);
	});

	it('a session still waiting for its second factor is ended by a new sign-in', async () => {
		const staff = await app.user({ role: 'staff' });
		await awaitSecondFactor(staff.sessionId);
		const other = await app.user();
		await (await browserWith(staff)).auth.signIn({ email: other.email, password: GOOD_PASSWORD });
		expect(await sessionsOf(staff.id)).toEqual([]);
	});

	it('signing up in a browser that had a session ends that session', async () => {
		const old = await app.user();
		const created = await (
			await browserWith(old)
		).auth.signUp({
			email: 'fresh-signup@example.ma',
			password: GOOD_PASSWORD,
			displayName: 'Nouvelle Coopérative',
			locale: 'fr'
		});
		expect(await sessionsOf(old.id)).toEqual([]);
		expect(await sessionsOf(created.id)).toHaveLength(1);
	});

	it('a refused sign-in or sign-up leaves the session the browser had as it was', async () => {
		const signedIn = await app.user();
		const other = await app.user();
		const browser = await browserWith(signedIn);
		// A mistyped password for another account, then a sign-up with an e-mail already taken.
		const badPassword = await rejection(
			browser.auth.signIn({ email: other.email, password: 'not-the-password-1' })
		);
		expect(badPassword.code).toBe('UNAUTHORIZED');
		const taken = await rejection(
			browser.auth.signUp({
				email: other.email,
				password: GOOD_PASSWORD,
				displayName: 'Doublon',
				locale: 'ar'
			})
		);
		expect(taken.code).toBe('CONFLICT');
		expect(await sessionsOf(signedIn.id)).toEqual([signedIn.sessionId]);
		expect(await (await browserWith(signedIn)).auth.me()).toMatchObject({ id: signedIn.id });
	});
});

describe('idle timeout (7 days after the last use) and absolute lifetime (30 days)', () => {
	it('the documented values', () => {
		expect(SESSION_IDLE.milliseconds()).toBe(7 * DAY);
		expect(SESSION_ABSOLUTE_MS).toBe(30 * DAY);
	});

	it('a session last used 6 days ago works, and its use pushes the expiry to 7 days from now', async () => {
		const u = await app.user();
		// Last used 6 days ago: 1 day left. (Lucia alone would slide it only past half the period.)
		await setTimes(u.sessionId, '6 days', '+ 1 day');
		const v = await validateSession(app.deps, u.sessionId);
		expect(v?.user.id).toBe(u.id);
		expect(v?.fresh).toBe(true); // the hook re-sends the cookie
		const exp = (await expiresAt(u.sessionId)).getTime();
		expect(exp).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
		expect(exp).toBeLessThanOrEqual(Date.now() + 7 * DAY);
	});

	it('a session used 2 days ago gets its full 7 days back (not only once half has passed)', async () => {
		const u = await app.user();
		await setTimes(u.sessionId, '2 days', '+ 5 days');
		expect(await validateSession(app.deps, u.sessionId)).not.toBeNull();
		expect((await expiresAt(u.sessionId)).getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
	});

	it('two uses within the hour write the expiry once', async () => {
		const u = await app.user();
		const first = (await expiresAt(u.sessionId)).getTime();
		const v = await validateSession(app.deps, u.sessionId);
		expect(v?.fresh).toBe(false);
		expect((await expiresAt(u.sessionId)).getTime()).toBe(first);
		expect(IDLE_SLIDE_STEP_MS).toBe(3600_000);
	});

	it('a session unused for 7 days is ended and deleted', async () => {
		const u = await app.user();
		await setTimes(u.sessionId, '8 days', '- 1 second');
		expect(await validateSession(app.deps, u.sessionId)).toBeNull();
		expect(await expiresAt(u.sessionId)).toBeUndefined();
		expect(await (await app.caller(u)).auth.me()).toBeNull();
	});

	it('near the 30-day limit the expiry is not pushed past it; past it the session ends although used daily', async () => {
		const u = await app.user();
		await setTimes(u.sessionId, '29 days', '+ 2 hours');
		expect(await validateSession(app.deps, u.sessionId)).not.toBeNull();
		const { rows } = await app.db.query<{ gap: number }>(
			`SELECT extract(epoch FROM (created_at + interval '30 days') - expires_at) AS gap
			 FROM sessions WHERE id = $1`,
			[u.sessionId]
		);
		expect(Math.abs(Number(rows[0].gap))).toBeLessThan(1);
		await setTimes(u.sessionId, '30 days 1 minute', '+ 6 days');
		expect(await validateSession(app.deps, u.sessionId)).toBeNull();
		expect(await expiresAt(u.sessionId)).toBeUndefined();
	});
});

const restricted = restrictedProcedures.map(([path]) => path);
const codeOf = (caller: unknown, path: string) => callByPath(caller, path, true);

describe('staff and admins need a second factor for every staff procedure', () => {
	it.each(restricted)('%s: refused to staff and admins without one', async (path) => {
		const staff = await app.caller(await app.user({ role: 'staff', twoFactor: false }));
		const admin = await app.caller(await app.user({ role: 'admin', twoFactor: false }));
		expect(await codeOf(staff, path)).toMatch(/^FORBIDDEN:/);
		expect(await codeOf(admin, path)).toBe('FORBIDDEN:error_two_factor_setup_required');
	});

	it('an admin whose second factor is on but not given in this session is no one yet', async () => {
		const admin = await app.user({ role: 'admin' });
		await awaitSecondFactor(admin.sessionId);
		for (const path of restricted.slice(0, 5))
			expect(await codeOf(await app.caller(admin), path)).toBe(
				'UNAUTHORIZED:error_sign_in_required'
			);
		// With the code given, the same session passes the access checks (input errors may follow).
		const code = generateHOTP(admin.totpSecret!, BigInt(Math.floor(Date.now() / 30_000)), 6);
		await (await browserWith(admin)).account.verifySecondFactor({ code });
		for (const path of restricted)
			expect(await codeOf(await app.caller(admin), path)).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN):/);
	});
});

describe('recovery codes', () => {
	it('each works once, the count goes down, and new codes void the old ones', async () => {
		const staff = await app.user({ role: 'staff' });
		const c = await app.caller(staff);
		const { recoveryCodes } = await c.account.regenerateRecoveryCodes();
		const signInPending = async () => {
			await createCaller(createBareContext(app.deps, { ip: '203.0.113.10' })).auth.signIn({
				email: staff.email,
				password: GOOD_PASSWORD
			});
			const { rows } = await app.db.query<{ id: string }>(
				'SELECT id FROM sessions WHERE user_id = $1 AND NOT two_factor_verified ORDER BY created_at DESC LIMIT 1',
				[staff.id]
			);
			return browserWith({ ...staff, sessionId: rows[0].id });
		};
		await (await signInPending()).account.verifySecondFactor({ code: recoveryCodes[1] });
		const status = await (await app.caller(staff)).account.twoFactorStatus();
		expect(status.recoveryCodesLeft).toBe(recoveryCodes.length - 1);
		const again = await rejection(
			(await signInPending()).account.verifySecondFactor({ code: recoveryCodes[1] })
		);
		expect(again.code).toBe('UNAUTHORIZED');
		await (await app.caller(staff)).account.regenerateRecoveryCodes();
		const old = await rejection(
			(await signInPending()).account.verifySecondFactor({ code: recoveryCodes[2] })
		);
		expect(old.code).toBe('UNAUTHORIZED');
	});
});
