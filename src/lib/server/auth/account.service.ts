import type { Session, User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import { AppError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { hashPassword, verifyPassword, checkPasswordStrength } from './password';
import * as repo from './auth.repo';
import { markSessionVerified } from './two-factor.repo';
import type { RequestMeta } from './auth.service';

async function requireCurrentPassword(deps: AppDeps, userId: string, password: string) {
	const row = await repo.findUserById(deps.db, userId);
	if (!row || !(await verifyPassword(row.password_hash, password))) {
		throw new AppError('BAD_REQUEST', 'account_error_current_password', {
			fieldErrors: { currentPassword: ['account_error_current_password'] }
		});
	}
	return row;
}

/**
 * A new password ends every session (other browsers, other devices, their sockets); this browser
 * gets a fresh session so its owner stays signed in.
 */
export async function changePassword(
	deps: AppDeps,
	user: User,
	session: Session,
	input: { currentPassword: string; newPassword: string },
	meta: RequestMeta
) {
	await requireCurrentPassword(deps, user.id, input.currentPassword);
	const strength = checkPasswordStrength(input.newPassword, meta.locale, [
		user.email,
		user.displayName
	]);
	if (!strength.ok)
		throw new AppError('BAD_REQUEST', 'error_weak_password', {
			fieldErrors: { newPassword: ['field_password_weak', ...strength.advice] }
		});
	await repo.updatePassword(deps.db, user.id, await hashPassword(input.newPassword));
	await deps.lucia.invalidateUserSessions(user.id);
	deps.realtime.disconnectUser(user.id, 'password-changed');
	const fresh = await deps.lucia.createSession(user.id, {
		created_at: new Date(),
		ip: meta.ip,
		user_agent: meta.userAgent?.slice(0, 300) ?? null
	});
	// The second factor was given in this browser already.
	if (session.twoFactorVerified) await markSessionVerified(deps.db, fresh.id);
	await deps.mailer.send({
		to: user.email,
		subject: translate('mail_password_changed_subject', {}, user.locale),
		text: translate('mail_password_changed_body', { name: user.displayName }, user.locale)
	});
	return fresh;
}

/** A new e-mail address, confirmed by the current password; the old address is told. */
export async function changeEmail(
	deps: AppDeps,
	user: User,
	input: { currentPassword: string; newEmail: string }
) {
	await requireCurrentPassword(deps, user.id, input.currentPassword);
	if (input.newEmail === user.email) return;
	const taken = await repo.findUserByEmail(deps.db, input.newEmail);
	if (taken)
		throw new AppError('CONFLICT', 'error_email_taken', {
			fieldErrors: { newEmail: ['field_email_taken'] }
		});
	try {
		await deps.db.query('UPDATE users SET email = $2, updated_at = now() WHERE id = $1', [
			user.id,
			input.newEmail
		]);
	} catch (err) {
		if ((err as { code?: string }).code === '23505')
			throw new AppError('CONFLICT', 'error_email_taken', {
				fieldErrors: { newEmail: ['field_email_taken'] }
			});
		throw err;
	}
	await deps.mailer.send({
		to: user.email,
		subject: translate('mail_email_changed_subject', {}, user.locale),
		text: translate(
			'mail_email_changed_body',
			{ name: user.displayName, email: input.newEmail },
			user.locale
		)
	});
}

/** Ends every other session of the user (a lost phone, a shared computer). */
export async function signOutOtherSessions(deps: AppDeps, user: User, session: Session) {
	const { rows } = await deps.db.query<{ id: string }>(
		'DELETE FROM sessions WHERE user_id = $1 AND id <> $2 RETURNING id',
		[user.id, session.id]
	);
	for (const r of rows) deps.realtime.disconnectSession(r.id);
	return { ended: rows.length };
}
