import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, GOOD_PASSWORD, rejection, type TestApp } from '../helpers/test-app';
import { createBareContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/root';
import { THROTTLE_MAX_FAILURES } from '../../src/lib/server/auth/auth.service';
import { localizeError } from '../../src/lib/server/trpc/error-format';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

const visitor = (ip = '203.0.113.7', locale: 'ar' | 'fr' | 'en' = 'en') =>
	createCaller(createBareContext(app.deps, { ip, locale }));

describe('sign up', () => {
	it('creates an account and a session', async () => {
		const me = await visitor().auth.signUp({
			email: ' Amina@Example.ma ',
			password: GOOD_PASSWORD,
			displayName: 'أمينة',
			locale: 'ar'
		});
		expect(me).toMatchObject({
			email: 'amina@example.ma',
			displayName: 'أمينة',
			locale: 'ar',
			role: 'member'
		});
		const { rows } = await app.db.query<{ password_hash: string }>(
			'SELECT password_hash FROM users WHERE email = $1',
			['amina@example.ma']
		);
		// argon2id with m = 19 MiB, t = 2, p = 1
		expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		const sessions = await app.db.query(
			'SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1',
			['amina@example.ma']
		);
		expect(sessions.rowCount).toBe(1);
	});

	it('refuses a common password with advice in the user language', async () => {
		const fr = await rejection(
			visitor('203.0.113.8', 'fr').auth.signUp({
				email: 'weak@example.fr',
				password: 'password123',
				displayName: 'X',
				locale: 'fr'
			})
		);
		expect(fr.code).toBe('BAD_REQUEST');
		const frErrors = localizeError(fr, 'fr').fieldErrors!.password;
		expect(frErrors[0]).toBe('Ce mot de passe est trop facile à deviner.');
		expect(frErrors.length).toBeGreaterThan(1); // zxcvbn advice follows, in French
		const ar = await rejection(
			visitor('203.0.113.8', 'ar').auth.signUp({
				email: 'weak@example.ma',
				password: 'azerty123',
				displayName: 'X',
				locale: 'ar'
			})
		);
		expect(localizeError(ar, 'ar').fieldErrors!.password.join(' ')).toMatch(/[\u0600-\u06FF]/);
	});

	it('refuses a password built from the user name or e-mail', async () => {
		const err = await rejection(
			visitor().auth.signUp({
				email: 'mohammed.benali@example.ma',
				password: 'mohammed.benali',
				displayName: 'Mohammed Benali',
				locale: 'fr'
			})
		);
		expect(err.code).toBe('BAD_REQUEST');
	});

	it('gives field errors, not a 500, for bad input', async () => {
		const err = await rejection(
			visitor().auth.signUp({
				email: 'not-an-email',
				password: 'short',
				displayName: '',
				locale: 'xx' as 'ar'
			})
		);
		expect(err.code).toBe('BAD_REQUEST');
		const fields = localizeError(err, 'en').fieldErrors!;
		expect(Object.keys(fields).sort()).toEqual(['displayName', 'email', 'locale', 'password']);
		expect(fields.password).toEqual(['The password must be 8 to 128 characters long.']);
		const tooLong = await rejection(
			visitor().auth.signUp({
				email: 'a@b.ma',
				password: 'x'.repeat(129),
				displayName: 'A',
				locale: 'ar'
			})
		);
		expect(localizeError(tooLong, 'ar').fieldErrors!.password).toEqual([
			'يجب أن تتكون كلمة المرور من 8 إلى 128 حرفًا.'
		]);
	});

	it('refuses a second account with the same e-mail, whatever its case', async () => {
		await visitor().auth.signUp({
			email: 'dup@example.ma',
			password: GOOD_PASSWORD,
			displayName: 'A',
			locale: 'ar'
		});
		const err = await rejection(
			visitor().auth.signUp({
				email: 'DUP@example.ma',
				password: GOOD_PASSWORD,
				displayName: 'B',
				locale: 'ar'
			})
		);
		expect(err.code).toBe('CONFLICT');
		expect(localizeError(err, 'en').fieldErrors!.email).toHaveLength(1);
	});
});

describe('sign in', () => {
	it('signs in with the right password and starts a new session each time', async () => {
		const u = await app.user({ email: 'signin@example.ma' });
		const a = await visitor().auth.signIn({ email: 'SIGNIN@example.ma', password: GOOD_PASSWORD });
		expect(a.id).toBe(u.id);
		await visitor().auth.signIn({ email: 'signin@example.ma', password: GOOD_PASSWORD });
		const { rowCount } = await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [u.id]);
		expect(rowCount).toBe(3); // the helper's session and two new ones
	});

	it('answers an unknown e-mail and a wrong password the same way', async () => {
		await app.user({ email: 'known@example.ma' });
		const wrong = await rejection(
			visitor('198.51.100.1').auth.signIn({
				email: 'known@example.ma',
				password: 'Wrong-password-1'
			})
		);
		const unknown = await rejection(
			visitor('198.51.100.2').auth.signIn({
				email: 'nobody@example.ma',
				password: 'Wrong-password-1'
			})
		);
		expect(wrong.code).toBe('UNAUTHORIZED');
		expect(unknown.code).toBe(wrong.code);
		expect(localizeError(unknown, 'fr').message).toBe(localizeError(wrong, 'fr').message);
	});

	it(`throttles an account after ${THROTTLE_MAX_FAILURES} failures in 15 minutes, with a retry time`, async () => {
		await app.user({ email: 'target@example.ma' });
		for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
			// A different IP each time: the per-account limit must hold on its own.
			const err = await rejection(
				visitor(`192.0.2.${i + 1}`).auth.signIn({
					email: 'target@example.ma',
					password: `guess-${i}-xyz`
				})
			);
			expect(err.code).toBe('UNAUTHORIZED');
		}
		const blocked = await rejection(
			visitor('192.0.2.200').auth.signIn({ email: 'target@example.ma', password: GOOD_PASSWORD })
		);
		expect(blocked.code).toBe('TOO_MANY_REQUESTS');
		const localized = localizeError(blocked, 'fr');
		expect(localized.retryAfter).toBeGreaterThan(14 * 60);
		expect(localized.retryAfter).toBeLessThanOrEqual(15 * 60);
		expect(localized.message).toMatch(/Réessayez dans 15 min/);
	});

	it('throttles an IP that tries many accounts', async () => {
		for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
			await rejection(
				visitor('192.0.2.99').auth.signIn({
					email: `spray${i}@example.ma`,
					password: 'Spray-password-1'
				})
			);
		}
		const u = await app.user({ email: 'innocent@example.ma' });
		const blocked = await rejection(
			visitor('192.0.2.99').auth.signIn({ email: u.email, password: GOOD_PASSWORD })
		);
		expect(blocked.code).toBe('TOO_MANY_REQUESTS');
		// The same account from another address still gets in.
		await expect(
			visitor('192.0.2.100').auth.signIn({ email: u.email, password: GOOD_PASSWORD })
		).resolves.toMatchObject({ id: u.id });
	});

	it('refuses a suspended account, and its existing sessions stop working', async () => {
		const u = await app.user({ email: 'suspended@example.ma' });
		await app.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [u.id]);
		const err = await rejection(visitor().auth.signIn({ email: u.email, password: GOOD_PASSWORD }));
		expect(err.code).toBe('FORBIDDEN');
		expect(await (await app.caller(u)).auth.me()).toBeNull();
	});
});

describe('sessions', () => {
	it('sign-out ends the session', async () => {
		const u = await app.user();
		const c = await app.caller(u);
		expect((await c.auth.me())?.id).toBe(u.id);
		await c.auth.signOut();
		const { rowCount } = await app.db.query('SELECT 1 FROM sessions WHERE id = $1', [u.sessionId]);
		expect(rowCount).toBe(0);
	});

	it('ends a session past its absolute lifetime even if it was used recently', async () => {
		const u = await app.user();
		await app.db.query(
			`UPDATE sessions SET created_at = now() - interval '31 days' WHERE id = $1`,
			[u.sessionId]
		);
		const { validateSession } = await import('../../src/lib/server/auth/auth.service');
		expect(await validateSession(app.deps, u.sessionId)).toBeNull();
	});

	it('protected procedures refuse visitors; staff procedures refuse members', async () => {
		const err = await rejection((await app.caller(null)).auth.signOut());
		expect(err.code).toBe('UNAUTHORIZED');
	});
});

describe('password reset', () => {
	it('sends a single-use link that ends every session', async () => {
		const u = await app.user({ email: 'reset@example.ma', locale: 'fr' });
		await visitor().auth.requestPasswordReset({ email: 'reset@example.ma' });
		const mail = app.deps.mailer.outbox.at(-1)!;
		expect(mail.to).toBe('reset@example.ma');
		expect(mail.subject).toBe('Tashbik : réinitialisation du mot de passe');
		const token = /reset-password\/([a-z2-7]+)/.exec(mail.text)![1];
		const { rows } = await app.db.query<{ token_hash: string }>(
			'SELECT token_hash FROM password_reset_tokens'
		);
		expect(rows.map((r) => r.token_hash)).not.toContain(token); // only its hash is stored

		await visitor().auth.resetPassword({ token, password: 'Nouveau-mot-de-passe-Figuig-7' });
		expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [u.id])).rowCount).toBe(
			0
		);
		await expect(
			visitor().auth.signIn({ email: u.email, password: 'Nouveau-mot-de-passe-Figuig-7' })
		).resolves.toMatchObject({ id: u.id });

		const again = await rejection(
			visitor().auth.resetPassword({ token, password: 'Encore-un-autre-Nador-8' })
		);
		expect(again.code).toBe('BAD_REQUEST');
		expect(localizeError(again, 'en').messageKey).toBe('error_reset_link_invalid');
	});

	it('refuses an expired link and answers unknown addresses like known ones', async () => {
		const before = app.deps.mailer.outbox.length;
		await expect(
			visitor().auth.requestPasswordReset({ email: 'ghost@example.ma' })
		).resolves.toEqual({ ok: true });
		expect(app.deps.mailer.outbox.length).toBe(before);

		await app.user({ email: 'late@example.ma' });
		await visitor().auth.requestPasswordReset({ email: 'late@example.ma' });
		const token = /reset-password\/([a-z2-7]+)/.exec(app.deps.mailer.outbox.at(-1)!.text)![1];
		await app.db.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute'`);
		const err = await rejection(
			visitor().auth.resetPassword({ token, password: 'Nouveau-mot-de-passe-Figuig-7' })
		);
		expect(err.code).toBe('BAD_REQUEST');
	});
});

describe('language', () => {
	it('keeps the chosen language in the account', async () => {
		const u = await app.user({ locale: 'ar' });
		await (await app.caller(u)).auth.setLocale({ locale: 'fr' });
		expect((await (await app.caller(u)).auth.me())?.locale).toBe('fr');
	});
});
