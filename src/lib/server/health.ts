import type { AppDeps } from './deps';
import { searchHealth } from './search/indexes';

export type ServiceState = 'up' | 'down' | 'not-attached';

export interface Health {
	status: 'ok' | 'degraded' | 'down';
	database: ServiceState;
	search: ServiceState;
	realtime: ServiceState;
}

/** The state of each part; the database is essential, search and realtime degrade the app. */
export async function checkHealth(deps: AppDeps): Promise<Health> {
	const [database, search] = await Promise.all([
		deps.db
			.query('SELECT 1')
			.then(() => 'up' as const)
			.catch(() => 'down' as const),
		searchHealth(deps.meili)
	]);
	const realtime = deps.realtime.status();
	const status =
		database === 'down' ? 'down' : search === 'up' && realtime === 'up' ? 'ok' : 'degraded';
	return { status, database, search, realtime };
}
