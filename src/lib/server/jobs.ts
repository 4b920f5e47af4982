import type { AppDeps } from './deps';
import { pruneFailures } from './auth/auth.repo';
import { startSearchWorker } from './search/outbox-worker';

export interface BackgroundJob {
	name: string;
	stop(): Promise<void>;
}

/** Runs `fn` every `ms` (not overlapping itself), logging failures instead of crashing. */
export function every(
	name: string,
	ms: number,
	deps: AppDeps,
	fn: () => Promise<void>
): BackgroundJob {
	let running: Promise<void> | null = null;
	const timer = setInterval(() => {
		if (running) return;
		running = fn()
			.catch((err) => deps.log.warn({ err, job: name }, 'background job failed'))
			.finally(() => (running = null));
	}, ms);
	timer.unref();
	return {
		name,
		async stop() {
			clearInterval(timer);
			await running;
		}
	};
}

/** Every background job of the app, started once per process after boot. */
export function startJobs(deps: AppDeps): BackgroundJob[] {
	return [
		every('auth-cleanup', 60 * 60 * 1000, deps, async () => {
			await pruneFailures(deps.db, 24 * 3600 * 1000);
			await deps.lucia.deleteExpiredSessions();
		}),
		startSearchWorker(deps)
	];
}
