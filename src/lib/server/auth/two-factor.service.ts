import { generateHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import QRCode from 'qrcode';
import type { Session, User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import { AppError } from '$lib/server/errors';
import * as repo from './two-factor.repo';
import { countRecentFailures, insertFailures, clearFailures } from './auth.repo';
import { THROTTLE_MAX_FAILURES, THROTTLE_WINDOW_MS } from './auth.service';

const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_CODES = 8;

/** Staff and admins must have a second factor; anyone else may turn it on. */
export function secondFactorRequired(user: Pick<User, 'role'>) {
	return user.role === 'staff' || user.role === 'admin';
}

const hashCode = (code: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(code.replace(/[\s-]/g, '').toLowerCase())));
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/** The time step a code belongs to, allowing one step of clock drift either way; null if none. */
function matchStep(secret: Uint8Array, code: string): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const now = currentStep();
	for (const step of [now - 1, now, now + 1]) {
		const expected = generateHOTP(secret, BigInt(step), DIGITS);
		if (constantTimeEqual(new TextEncoder().encode(expected), new TextEncoder().encode(code)))
			return step;
	}
	return null;
}

function newRecoveryCodes(): string[] {
	return Array.from({ length: RECOVERY_CODES }, () => {
		const raw = encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(10))).slice(
			0,
			10
		);
		return `${raw.slice(0, 5)}-${raw.slice(5)}`;
	});
}

async function describeKey(user: User, secret: Uint8Array) {
	const uri = createTOTPKeyURI('Tashbik', user.email, secret, PERIOD, DIGITS);
	return {
		uri,
		secret: encodeBase32UpperCaseNoPadding(secret),
		qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	};
}

/** Starts (or restarts) a setup: a new key, as a QR code and as text for manual entry. */
export async function beginSetup(deps: AppDeps, user: User) {
	if (user.totpEnabled) throw new AppError('CONFLICT', 'account_2fa_already_on');
	const secret = crypto.getRandomValues(new Uint8Array(20));
	await repo.putPendingKey(deps.db, user.id, secret);
	return describeKey(user, secret);
}

/** The setup in progress, if any (the page shows the same key after a wrong code or a reload). */
export async function pendingSetup(deps: AppDeps, user: User) {
	const key = await repo.getTotpKey(deps.db, user.id);
	return key && !key.enabled_at ? describeKey(user, new Uint8Array(key.secret)) : null;
}

/** A first valid code turns the second factor on; returns the recovery codes (shown once). */
export async function confirmSetup(deps: AppDeps, user: User, session: Session, code: string) {
	const key = await repo.getTotpKey(deps.db, user.id);
	if (!key || key.enabled_at) throw new AppError('CONFLICT', 'account_2fa_no_setup');
	const step = matchStep(new Uint8Array(key.secret), code.trim());
	if (step === null)
		throw new AppError('BAD_REQUEST', 'account_2fa_code_invalid', {
			fieldErrors: { code: ['account_2fa_code_invalid'] }
		});
	const codes = newRecoveryCodes();
	await deps.db.tx(async (client) => {
		await repo.enableKey(client, user.id, step);
		await repo.replaceRecoveryCodes(client, user.id, codes.map(hashCode));
		await repo.markSessionVerified(client, session.id);
	});
	return { recoveryCodes: codes };
}

/**
 * The second sign-in step: a code from the app, or one of the recovery codes (each works once).
 * Throttled like passwords; a code is accepted once even within its 30 seconds.
 */
export async function verifySecondFactor(
	deps: AppDeps,
	user: User,
	session: Session,
	input: string
) {
	const throttleKey = `2fa:${user.id}`;
	const { n, oldest } = await countRecentFailures(
		deps.db,
		'account',
		throttleKey,
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
	const code = input.trim();
	let ok = false;
	const key = await repo.getTotpKey(deps.db, user.id);
	if (key?.enabled_at) {
		const step = matchStep(new Uint8Array(key.secret), code);
		if (step !== null) ok = await repo.useStep(deps.db, user.id, step);
		else if (code.length >= 10) ok = await repo.useRecoveryCode(deps.db, user.id, hashCode(code));
	}
	if (!ok) {
		await insertFailures(deps.db, [{ scope: 'account', key: throttleKey }]);
		throw new AppError('UNAUTHORIZED', 'account_2fa_code_invalid', {
			fieldErrors: { code: ['account_2fa_code_invalid'] }
		});
	}
	await clearFailures(deps.db, 'account', throttleKey);
	await repo.markSessionVerified(deps.db, session.id);
}

export async function regenerateRecoveryCodes(deps: AppDeps, user: User) {
	if (!user.totpEnabled) throw new AppError('CONFLICT', 'account_2fa_no_setup');
	const codes = newRecoveryCodes();
	await repo.replaceRecoveryCodes(deps.db, user.id, codes.map(hashCode));
	return { recoveryCodes: codes };
}

export async function twoFactorStatus(deps: AppDeps, user: User) {
	return {
		enabled: user.totpEnabled,
		required: secondFactorRequired(user),
		recoveryCodesLeft: user.totpEnabled ? await repo.countUnusedRecoveryCodes(deps.db, user.id) : 0,
		setup: user.totpEnabled ? null : await pendingSetup(deps, user)
	};
}
