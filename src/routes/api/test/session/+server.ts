import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { createUser } from '$lib/server/auth/auth.service';
import { findUserByEmail } from '$lib/server/auth/auth.repo';

const input = z.object({
	email: z.string().email(),
	displayName: z.string().min(1).max(80).default('E2E'),
	role: z.enum(['member', 'staff', 'admin']).default('member'),
	locale: z.enum(['ar', 'fr', 'en']).default('ar')
});

/**
 * Test-only: makes (or finds) a user and returns a session cookie, so end-to-end tests other
 * than the auth ones skip the sign-in form. Exists only when TEST_ROUTES=1 (the e2e server);
 * everywhere else it is a 404 like any unknown path.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (locals.deps.env.TEST_ROUTES !== '1') error(404);
	const data = input.parse(await request.json());
	const user =
		(await findUserByEmail(locals.deps.db, data.email.toLowerCase())) ??
		(await createUser(
			locals.deps,
			{ ...data, email: data.email.toLowerCase(), password: 'E2e-Password-Long-Enough-1' },
			{ skipStrengthCheck: true }
		));
	// Staff and admins work with a second factor: give them one, and verify this session.
	const privileged = user.role === 'staff' || user.role === 'admin';
	if (privileged) {
		await locals.deps.db.query(
			`INSERT INTO user_totp_keys (user_id, secret, enabled_at) VALUES ($1, $2, now()) ON CONFLICT (user_id) DO NOTHING`,
			[user.id, Buffer.from(crypto.getRandomValues(new Uint8Array(20)))]
		);
		await locals.deps.db.query('UPDATE users SET totp_enabled = true WHERE id = $1', [user.id]);
	}
	const session = await locals.deps.lucia.createSession(user.id, {
		created_at: new Date(),
		ip: null,
		user_agent: 'e2e',
		two_factor_verified: privileged
	});
	return json({
		userId: user.id,
		cookie: { name: locals.deps.lucia.sessionCookieName, value: session.id }
	});
};
