import type { AppDeps } from '$lib/server/deps';
import { createUser } from '$lib/server/auth/auth.service';
import { findUserByEmail } from '$lib/server/auth/auth.repo';
import type { Progress } from '$lib/server/progress';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { seedOrganizations } from './seed-organizations';
import { seedDemoNetwork } from './demo-network';
import { drainOutbox } from '$lib/server/search/outbox-worker';

export interface SeedOptions {
	/** Number of generated organizations (the demo has about 2,000). */
	orgs: number;
	progress: (label: string, total: number) => Progress;
}

/** Demo data: idempotent (running it twice adds nothing twice). */
export async function seedDemo(deps: AppDeps, opts: SeedOptions) {
	const bar = opts.progress('accounts', DEMO_ACCOUNTS.length);
	for (const account of DEMO_ACCOUNTS) {
		if (!(await findUserByEmail(deps.db, account.email))) {
			await createUser(deps, { ...account, password: DEMO_PASSWORD }, { skipStrengthCheck: true });
		}
		bar.tick();
	}
	bar.done();
	await seedOrganizations(deps, { count: opts.orgs, progress: opts.progress });
	await seedDemoNetwork(deps);
	// The demo cluster (and anything else the network wrote) reaches the index now, not at the
	// worker's first poll; when Meilisearch is down the rows simply wait for the worker.
	await drainOutbox(deps).catch(() => {});
	await deps.db.query(
		`INSERT INTO app_meta (key, value) VALUES ('seeded_at', to_jsonb(now()))
		 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`
	);
}

export async function isSeeded(deps: Pick<AppDeps, 'db'>): Promise<boolean> {
	const { rowCount } = await deps.db.query(`SELECT 1 FROM app_meta WHERE key = 'seeded_at'`);
	return (rowCount ?? 0) > 0;
}
