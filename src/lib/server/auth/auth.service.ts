import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Session, User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import { AppError } from '$lib/server/errors';
import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import { hashPassword, verifyPassword, checkPasswordStrength } from './password';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE } from './lucia';
import * as repo from './auth.repo';
import type { SignInInput, SignUpInput } from './auth.schema';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 10;
const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** The idle expiry moves forward on use when it would gain more than this (one write an hour at most). */
export const IDLE_SLIDE_STEP_MS = 60 * 60 * 1000;

export interface RequestMeta {
	ip: string | null;
	userAgent: string | null;
	/** The UI language of the request: advice and mails are written in it. */
	locale: Locale;
	/** Absolute origin for links in mails. */
	origin: string;
}

export interface SessionAndUser {
	session: Session;
	user: User;
}

function weakPasswordError(password: string, locale: Locale, inputs: string[]) {
	const strength = checkPasswordStrength(password, locale, inputs);
	if (strength.ok) return null;
	return new AppError('BAD_REQUEST', 'error_weak_password', {
		fieldErrors: { password: ['field_password_weak', ...strength.advice] }
	});
}

async function startSession(deps: AppDeps, userId: string, meta: RequestMeta): Promise<Session> {
	return deps.lucia.createSession(userId, {
		created_at: new Date(),
		ip: meta.ip,
		user_agent: meta.userAgent?.slice(0, 300) ?? null
	});
}

export async function signUp(
	deps: AppDeps,
	input: SignUpInput,
	meta: RequestMeta
): Promise<SessionAndUser> {
	const weak = weakPasswordError(input.password, meta.locale, [
		input.email,
		input.displayName,
		'tashbik'
	]);
	if (weak) throw weak;
	const passwordHash = await hashPassword(input.password);
	const row = await repo.insertUser(deps.db, { ...input, passwordHash });
	if (!row)
		throw new AppError('CONFLICT', 'error_email_taken', {
			fieldErrors: { email: ['field_email_taken'] }
		});
	const session = await startSession(deps, row.id, meta);
	const result = await deps.lucia.validateSession(session.id);
	return { session, user: result.user! };
}

// A real argon2id hash, verified when the account does not exist so both answers take as long.
let dummyHash: Promise<string> | undefined;

export async function signIn(
	deps: AppDeps,
	input: SignInInput,
	meta: RequestMeta
): Promise<SessionAndUser> {
	const keys = [
		{ scope: 'account' as const, key: input.email },
		...(meta.ip ? [{ scope: 'ip' as const, key: meta.ip }] : [])
	];
	for (const k of keys) {
		const { n, oldest } = await repo.countRecentFailures(
			deps.db,
			k.scope,
			k.key,
			THROTTLE_WINDOW_MS
		);
		if (n >= THROTTLE_MAX_FAILURES && oldest) {
			const retryAfter = Math.max(
				1,
				Math.ceil((oldest.getTime() + THROTTLE_WINDOW_MS - Date.now()) / 1000)
			);
			throw new AppError('TOO_MANY_REQUESTS', 'error_too_many_attempts', {
				retryAfter,
				params: { minutes: Math.ceil(retryAfter / 60) }
			});
		}
	}
	const user = await repo.findUserByEmail(deps.db, input.email);
	dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
	const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
	if (!user || !ok) {
		await repo.insertFailures(deps.db, keys);
		throw new AppError('UNAUTHORIZED', 'error_invalid_credentials');
	}
	if (isSuspended(user)) throw new AppError('FORBIDDEN', 'error_account_suspended');
	await repo.clearFailures(deps.db, 'account', input.email);
	const session = await startSession(deps, user.id, meta);
	const result = await deps.lucia.validateSession(session.id);
	return { session, user: result.user! };
}

export function isSuspended(u: {
	status: string;
	suspended_until?: Date | null;
	suspendedUntil?: Date | null;
}) {
	if (u.status !== 'suspended') return false;
	const until = u.suspended_until ?? u.suspendedUntil ?? null;
	return !until || until.getTime() > Date.now();
}

/** A session of a user with a second factor counts only once the code was given for it. */
export function awaitsSecondFactor(session: Session, user: User) {
	return user.totpEnabled && !session.twoFactorVerified;
}

/**
 * Validates a session cookie value. Beyond lucia's sliding idle expiry (the idle timeout),
 * enforces the absolute lifetime and ends the sessions of suspended users. A session still waiting
 * for its second factor is not a valid session, except for the second-factor step itself
 * (`allowPendingSecondFactor`).
 */
export async function validateSession(
	deps: AppDeps,
	sessionId: string,
	opts: { allowPendingSecondFactor?: boolean } = {}
): Promise<{ session: Session; user: User; fresh: boolean } | null> {
	const { session, user } = await deps.lucia.validateSession(sessionId);
	if (!session || !user) return null;
	if (session.createdAt.getTime() + SESSION_ABSOLUTE_MS < Date.now() || isSuspended(user)) {
		await deps.lucia.invalidateSession(session.id);
		return null;
	}
	if (!opts.allowPendingSecondFactor && awaitsSecondFactor(session, user)) return null;
	// Lucia slides the expiry only once half of it has passed, which would end a session idle for
	// anything between 3.5 and 7 days. Slide it on use (at most once per IDLE_SLIDE_STEP_MS) so the
	// idle timeout is 7 days after the last use, never past the absolute lifetime.
	const end = session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
	const wanted = Math.min(Date.now() + SESSION_IDLE.milliseconds(), end);
	const expires = session.expiresAt.getTime();
	if (wanted - expires > IDLE_SLIDE_STEP_MS || expires > end) {
		session.expiresAt = new Date(wanted);
		session.fresh = true;
		await deps.db.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [
			session.id,
			session.expiresAt
		]);
	}
	return { session, user, fresh: session.fresh };
}

export async function signOut(deps: AppDeps, sessionId: string) {
	await deps.lucia.invalidateSession(sessionId);
	deps.realtime.disconnectSession(sessionId);
}

export async function setLocale(deps: AppDeps, userId: string, locale: Locale) {
	await repo.updateUserLocale(deps.db, userId, locale);
}

/** SHA-256 of a link token, hex: only this is stored, the token exists only in the link. */
export function hashToken(token: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(deps: AppDeps, email: string, meta: RequestMeta) {
	const user = await repo.findUserByEmail(deps.db, email);
	if (!user) {
		deps.log.info({ email }, 'password reset asked for an unknown address');
		return;
	}
	const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
	await repo.insertResetToken(
		deps.db,
		hashToken(token),
		user.id,
		new Date(Date.now() + RESET_TOKEN_TTL_MS)
	);
	const link = `${meta.origin}/reset-password/${token}`;
	const locale = user.locale;
	await deps.mailer.send({
		to: user.email,
		subject: translate('mail_reset_subject', {}, locale),
		text: translate('mail_reset_body', { name: user.display_name, link, minutes: 60 }, locale)
	});
}

export async function resetPassword(
	deps: AppDeps,
	token: string,
	password: string,
	meta: RequestMeta
) {
	const weak = weakPasswordError(password, meta.locale, []);
	if (weak) throw weak;
	const passwordHash = await hashPassword(password);
	const userId = await deps.db.tx(async (client) => {
		const id = await repo.consumeResetToken(client, hashToken(token));
		if (!id) return null;
		await repo.updatePassword(client, id, passwordHash);
		return id;
	});
	if (!userId) throw new AppError('BAD_REQUEST', 'error_reset_link_invalid');
	// A new password ends every session that knew the old one.
	await deps.lucia.invalidateUserSessions(userId);
	deps.realtime.disconnectUser(userId, 'password-changed');
	await repo.clearFailures(deps.db, 'account', (await repo.findUserById(deps.db, userId))!.email);
}

/** For `npm run user:create` and the seed; refuses weak passwords like sign-up does. */
export async function createUser(
	deps: Pick<AppDeps, 'db'>,
	input: SignUpInput & { role: 'member' | 'staff' | 'admin' },
	opts: { skipStrengthCheck?: boolean } = {}
) {
	if (!opts.skipStrengthCheck) {
		const weak = weakPasswordError(input.password, 'en', [input.email, input.displayName]);
		if (weak) throw weak;
	}
	const row = await repo.insertUser(deps.db, {
		...input,
		passwordHash: await hashPassword(input.password)
	});
	if (!row) throw new AppError('CONFLICT', 'error_email_taken');
	return row;
}
