import type { Queryable } from '$lib/server/db/db';

export async function getTotpKey(db: Queryable, userId: string) {
	const { rows } = await db.query<{
		secret: Buffer;
		enabled_at: Date | null;
		last_used_step: number | null;
	}>('SELECT secret, enabled_at, last_used_step FROM user_totp_keys WHERE user_id = $1', [userId]);
	return rows[0] ?? null;
}

/** A new key for a setup in progress (replaces an unconfirmed one; never an enabled one). */
export async function putPendingKey(db: Queryable, userId: string, secret: Uint8Array) {
	await db.query(
		`INSERT INTO user_totp_keys (user_id, secret) VALUES ($1, $2)
		 ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = now() WHERE user_totp_keys.enabled_at IS NULL`,
		[userId, Buffer.from(secret)]
	);
}

export async function enableKey(db: Queryable, userId: string, step: number) {
	await db.query(
		'UPDATE user_totp_keys SET enabled_at = now(), last_used_step = $2 WHERE user_id = $1',
		[userId, step]
	);
	await db.query('UPDATE users SET totp_enabled = true, updated_at = now() WHERE id = $1', [
		userId
	]);
}

/** Records the time step of an accepted code; false when that step (or a later one) was used already. */
export async function useStep(db: Queryable, userId: string, step: number): Promise<boolean> {
	const { rowCount } = await db.query(
		'UPDATE user_totp_keys SET last_used_step = $2 WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)',
		[userId, step]
	);
	return (rowCount ?? 0) > 0;
}

export async function replaceRecoveryCodes(db: Queryable, userId: string, hashes: string[]) {
	await db.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
	for (const h of hashes)
		await db.query('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, h]);
}

export async function useRecoveryCode(
	db: Queryable,
	userId: string,
	hash: string
): Promise<boolean> {
	const { rowCount } = await db.query(
		'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
		[userId, hash]
	);
	return (rowCount ?? 0) > 0;
}

export async function countUnusedRecoveryCodes(db: Queryable, userId: string) {
	const { rows } = await db.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL',
		[userId]
	);
	return rows[0].n;
}

export async function markSessionVerified(db: Queryable, sessionId: string) {
	await db.query('UPDATE sessions SET two_factor_verified = true WHERE id = $1', [sessionId]);
}
