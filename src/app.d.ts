import type { Session, User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			deps: AppDeps;
			user: User | null;
			session: Session | null;
			/** A signed-in session still waiting for its second factor (user and session are null meanwhile). */
			pendingSecondFactor: { user: User; session: Session } | null;
			locale: Locale;
			ip: string | null;
			requestId: string;
			/** Set when a load failed because the database is unreachable (answered 503). */
			unavailable?: boolean;
		}
		interface Error {
			message: string;
			requestId?: string;
			/** The status actually sent when it differs from SvelteKit's (503 for an unreachable database). */
			status?: number;
		}
	}
}

export {};
