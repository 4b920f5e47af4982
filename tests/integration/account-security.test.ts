import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { createTestApp, GOOD_PASSWORD, type TestApp } from '../helpers/test-app';
import { createBareContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/root';
import { validateSession } from '../../src/lib/server/auth/auth.service';
import { SESSION_IDLE } from '../../src/lib/server/auth/lucia';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

const codeNow = (secret: Uint8Array, offset = 0) =>
	generateHOTP(secret, BigInt(Math.floor(Date.now() / 30_000) + offset), 6);
async function failure(p: Promise<unknown>) {
	try {
		await p;
	} catch (err) {
		if (err instanceof TRPCError) return err;
		throw err;
	}
	throw new Error('expected a failure');
}

/** Signs in with the password; returns a caller for the session still waiting for its second factor. */
async function signInPending(email: string) {
	const visitor = createCaller(createBareContext(app.deps, { ip: '198.51.100.77' }));
	const me = await visitor.auth.signIn({ email, password: GOOD_PASSWORD });
	const { rows } = await app.db.query<{ id: string }>(
		'SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
		[me.id]
	);
	const pending = await validateSession(app.deps, rows[0].id, { allowPendingSecondFactor: true });
	return {
		me,
		sessionId: rows[0].id,
		caller: createCaller(createBareContext(app.deps, { pending: pending! }))
	};
}

describe('second factor', () => {
	it('staff without a second factor are refused staff work until they set one up', async () => {
		const staff = await app.user({ role: 'staff', twoFactor: false });
		const err = await failure((await app.caller(staff)).staff.queues());
		expect(err.code).toBe('FORBIDDEN');
		expect(err.message).toBe('error_two_factor_setup_required');
	});

	it('setup: a QR code and key, a first valid code turns it on and gives single-use recovery codes', async () => {
		const staff = await app.user({ role: 'staff', twoFactor: false });
		const c = await app.caller(staff);
		const setup = await c.account.beginTwoFactorSetup();
		expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Tashbik:/);
		expect(setup.qrSvg).toContain('<svg');
		const secret = decodeBase32IgnorePadding(setup.secret);
		expect((await failure(c.account.confirmTwoFactorSetup({ code: '000000' }))).code).toBe(
			'BAD_REQUEST'
		);
		const { recoveryCodes } = await c.account.confirmTwoFactorSetup({ code: codeNow(secret) });
		expect(recoveryCodes).toHaveLength(8);
		expect(new Set(recoveryCodes).size).toBe(8);
		await expect((await app.caller(staff)).staff.queues()).resolves.toBeTruthy();
		const stored = await app.db.query<{ code_hash: string }>(
			'SELECT code_hash FROM recovery_codes WHERE user_id = $1',
			[staff.id]
		);
		expect(stored.rows.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);
	});

	it('a new sign-in waits for the code: the session is nothing until then; a code works once; recovery codes work once', async () => {
		const staff = await app.user({ role: 'staff' });
		const { sessionId, caller, me } = await signInPending(staff.email);
		expect(me.needsSecondFactor).toBe(true);
		expect(await validateSession(app.deps, sessionId)).toBeNull();
		expect((await failure(caller.account.verifySecondFactor({ code: '123456' }))).code).toBe(
			'UNAUTHORIZED'
		);
		const code = codeNow(staff.totpSecret!);
		await caller.account.verifySecondFactor({ code });
		expect((await validateSession(app.deps, sessionId))?.user.id).toBe(staff.id);
		// The same code again, in another browser: refused (replay).
		const second = await signInPending(staff.email);
		expect((await failure(second.caller.account.verifySecondFactor({ code }))).code).toBe(
			'UNAUTHORIZED'
		);
		const { recoveryCodes } = await (await app.caller(staff)).account.regenerateRecoveryCodes();
		await second.caller.account.verifySecondFactor({ code: recoveryCodes[0] });
		const third = await signInPending(staff.email);
		expect(
			(await failure(third.caller.account.verifySecondFactor({ code: recoveryCodes[0] }))).code
		).toBe('UNAUTHORIZED');
	});

	it('guessing codes is throttled', async () => {
		const staff = await app.user({ role: 'staff' });
		const { caller } = await signInPending(staff.email);
		for (let i = 0; i < 10; i++)
			await failure(caller.account.verifySecondFactor({ code: String(100000 + i) }));
		const blocked = await failure(
			caller.account.verifySecondFactor({ code: codeNow(staff.totpSecret!) })
		);
		expect(blocked.code).toBe('TOO_MANY_REQUESTS');
	});
});

describe('password and e-mail changes', () => {
	it('a password change asks for the current one and ends every session but a fresh one', async () => {
		const u = await app.user({ email: 'pw-change@example.ma' });
		const other = await app.deps.lucia.createSession(u.id, {
			created_at: new Date(),
			ip: null,
			user_agent: 'phone'
		});
		const c = await app.caller(u);
		const wrong = await failure(
			c.account.changePassword({
				currentPassword: 'not-it',
				newPassword: 'Un-nouveau-mot-de-passe-Saidia-3'
			})
		);
		expect(wrong.code).toBe('BAD_REQUEST');
		await c.account.changePassword({
			currentPassword: GOOD_PASSWORD,
			newPassword: 'Un-nouveau-mot-de-passe-Saidia-3'
		});
		expect(await validateSession(app.deps, u.sessionId)).toBeNull();
		expect(await validateSession(app.deps, other.id)).toBeNull();
		expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [u.id])).rowCount).toBe(
			1
		);
		expect(app.deps.mailer.outbox.at(-1)).toMatchObject({ to: 'pw-change@example.ma' });
	});

	it('an e-mail change asks for the current password, refuses a taken address and tells the old one', async () => {
		const u = await app.user({ email: 'old-address@example.ma' });
		await app.user({ email: 'taken@example.ma' });
		const c = await app.caller(u);
		expect(
			(
				await failure(
					c.account.changeEmail({ currentPassword: 'nope', newEmail: 'new@example.ma' })
				)
			).code
		).toBe('BAD_REQUEST');
		expect(
			(
				await failure(
					c.account.changeEmail({ currentPassword: GOOD_PASSWORD, newEmail: 'TAKEN@example.ma' })
				)
			).code
		).toBe('CONFLICT');
		await c.account.changeEmail({
			currentPassword: GOOD_PASSWORD,
			newEmail: 'new-address@example.ma'
		});
		expect(
			(await app.db.query('SELECT email FROM users WHERE id = $1', [u.id])).rows[0].email
		).toBe('new-address@example.ma');
		expect(app.deps.mailer.outbox.at(-1)).toMatchObject({ to: 'old-address@example.ma' });
	});
});

describe('session timeouts and tokens', () => {
	it('a session unused for the idle timeout (7 days) is gone; tokens are long and new at every sign-in', async () => {
		expect(SESSION_IDLE.milliseconds()).toBe(7 * 24 * 3600 * 1000);
		const u = await app.user();
		await app.db.query(
			`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
			[u.sessionId]
		);
		expect(await validateSession(app.deps, u.sessionId)).toBeNull();
		// 40 base32 characters: 200 bits.
		expect(u.sessionId).toMatch(/^[a-z2-7]{40}$/);
		const visitor = createCaller(createBareContext(app.deps, { ip: '198.51.100.78' }));
		await visitor.auth.signIn({ email: u.email, password: GOOD_PASSWORD });
		await visitor.auth.signIn({ email: u.email, password: GOOD_PASSWORD });
		const ids = (
			await app.db.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [u.id])
		).rows.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
