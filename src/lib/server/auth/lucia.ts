import { Lucia, TimeSpan } from 'lucia';
import { NodePostgresAdapter } from '@lucia-auth/adapter-postgresql';
import type pg from 'pg';
import type { Locale } from '$lib/i18n/locales';

export const SESSION_COOKIE = 'tashbik_session';
/** Idle timeout: a session unused this long expires (lucia slides it forward on use). */
export const SESSION_IDLE = new TimeSpan(7, 'd');
/** Absolute timeout: no session lives longer than this, used or not. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;

export type PlatformRole = 'member' | 'staff' | 'admin';

interface DatabaseUserAttributes {
	email: string;
	display_name: string;
	locale: Locale;
	role: PlatformRole;
	status: 'active' | 'suspended';
	suspended_until: Date | null;
	totp_enabled: boolean;
}

interface DatabaseSessionAttributes {
	created_at: Date;
	ip: string | null;
	user_agent: string | null;
	two_factor_verified?: boolean;
}

export function createLucia(pool: pg.Pool, { secure }: { secure: boolean }) {
	return new Lucia(new NodePostgresAdapter(pool, { user: 'users', session: 'sessions' }), {
		sessionExpiresIn: SESSION_IDLE,
		sessionCookie: { name: SESSION_COOKIE, attributes: { secure, sameSite: 'lax' } },
		getUserAttributes: (a) => ({
			email: a.email,
			displayName: a.display_name,
			locale: a.locale,
			role: a.role,
			status: a.status,
			suspendedUntil: a.suspended_until,
			totpEnabled: a.totp_enabled
		}),
		getSessionAttributes: (a) => ({
			createdAt: a.created_at,
			twoFactorVerified: a.two_factor_verified
		})
	});
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
	interface Register {
		Lucia: AppLucia;
		UserId: string;
		DatabaseUserAttributes: DatabaseUserAttributes;
		DatabaseSessionAttributes: DatabaseSessionAttributes;
	}
}
