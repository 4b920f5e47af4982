import type { Queryable } from '$lib/server/db/db';
import type { Locale } from '$lib/i18n/locales';
import type { PlatformRole } from './lucia';

export interface UserRow {
	id: string;
	email: string;
	password_hash: string;
	display_name: string;
	locale: Locale;
	role: PlatformRole;
	status: 'active' | 'suspended';
	suspended_until: Date | null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [email]);
	return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
	return rows[0] ?? null;
}

export async function insertUser(
	db: Queryable,
	u: {
		email: string;
		passwordHash: string;
		displayName: string;
		locale: Locale;
		role?: PlatformRole;
	}
): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>(
		`INSERT INTO users (email, password_hash, display_name, locale, role)
		 VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (email) DO NOTHING
		 RETURNING *`,
		[u.email, u.passwordHash, u.displayName, u.locale, u.role ?? 'member']
	);
	return rows[0] ?? null;
}

export async function updateUserLocale(db: Queryable, userId: string, locale: Locale) {
	await db.query('UPDATE users SET locale = $2, updated_at = now() WHERE id = $1', [
		userId,
		locale
	]);
}

export async function updatePassword(db: Queryable, userId: string, passwordHash: string) {
	await db.query(
		'UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1',
		[userId, passwordHash]
	);
}

export async function setUserRole(db: Queryable, userId: string, role: PlatformRole) {
	await db.query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [userId, role]);
}

export async function recordSessionMeta(
	db: Queryable,
	sessionId: string,
	ip: string | null,
	userAgent: string | null
) {
	await db.query('UPDATE sessions SET ip = $2, user_agent = $3 WHERE id = $1', [
		sessionId,
		ip,
		userAgent?.slice(0, 300) ?? null
	]);
}

// --- throttling -------------------------------------------------------------------------------

export async function countRecentFailures(
	db: Queryable,
	scope: 'account' | 'ip',
	key: string,
	windowMs: number
) {
	const { rows } = await db.query<{ n: number; oldest: Date | null }>(
		`SELECT count(*)::int AS n, min(created_at) AS oldest
		 FROM auth_failures WHERE scope = $1 AND key = $2 AND created_at > now() - $3 * interval '1 millisecond'`,
		[scope, key, windowMs]
	);
	return rows[0];
}

export async function insertFailures(
	db: Queryable,
	entries: { scope: 'account' | 'ip'; key: string }[]
) {
	for (const e of entries)
		await db.query('INSERT INTO auth_failures (scope, key) VALUES ($1, $2)', [e.scope, e.key]);
}

export async function clearFailures(db: Queryable, scope: 'account' | 'ip', key: string) {
	await db.query('DELETE FROM auth_failures WHERE scope = $1 AND key = $2', [scope, key]);
}

export async function pruneFailures(db: Queryable, olderThanMs: number) {
	await db.query(
		`DELETE FROM auth_failures WHERE created_at < now() - $1 * interval '1 millisecond'`,
		[olderThanMs]
	);
}

// --- password reset ---------------------------------------------------------------------------

export async function insertResetToken(
	db: Queryable,
	tokenHash: string,
	userId: string,
	expiresAt: Date
) {
	await db.query(
		'INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)',
		[tokenHash, userId, expiresAt]
	);
}

/** Marks the token used and returns its user, atomically: a second use finds nothing. */
export async function consumeResetToken(db: Queryable, tokenHash: string): Promise<string | null> {
	const { rows } = await db.query<{ user_id: string }>(
		`UPDATE password_reset_tokens SET used_at = now()
		 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
		 RETURNING user_id`,
		[tokenHash]
	);
	return rows[0]?.user_id ?? null;
}
