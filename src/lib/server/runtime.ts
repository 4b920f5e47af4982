import type { Server as HttpServer } from 'node:http';
import { parseEnv, type Env } from './env';
import { log } from './log';
import { createDb } from './db/db';
import { migrate } from './db/migrate';
import { migrationsDir } from './paths';
import { syncTaxonomy } from './taxonomy/taxonomy.repo';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './services/embedded-postgres';
import {
	startEmbeddedMeilisearch,
	type EmbeddedMeilisearch
} from './services/embedded-meilisearch';
import { createMeiliClient } from './search/meili-client';
import { applyIndexSettings } from './search/indexes';
import { ALL_INDEXES } from './search/index-definitions';
import { createLucia } from './auth/lucia';
import { createMailer } from './mail/mailer';
import { silentBus } from './realtime/bus';
import { startJobs, type BackgroundJob } from './jobs';
import { isSeeded, seedDemo } from './seed/seed';
import { progressBar } from './progress';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-accounts';
import type { AppDeps } from './deps';

export interface Runtime {
	deps: AppDeps;
	embedded: { postgres: EmbeddedPostgres | null; meili: EmbeddedMeilisearch | null };
	/** True when this start seeded the demo data (first start). */
	seeded: boolean;
	/** Demo accounts are printed at startup when the database holds the demo seed. */
	showDemoAccounts: boolean;
	demo: { DEMO_ACCOUNTS: typeof DEMO_ACCOUNTS; DEMO_PASSWORD: string };
	/** Attaches socket.io to the HTTP server (dev or production); idempotent per server. */
	attach(server: HttpServer): Promise<void>;
	stop(): Promise<void>;
}

export interface BootOptions {
	/** 'server' seeds on first start and runs background jobs; 'script' does neither. */
	role: 'server' | 'script';
	env?: Env;
}

/**
 * Starts everything the app needs: embedded PostgreSQL and Meilisearch when no URLs are given,
 * migrations, index settings, demo data on the first start, background jobs.
 */
export async function bootRuntime(opts: BootOptions): Promise<Runtime> {
	const env = opts.env ?? parseEnv();
	log.level = env.LOG_LEVEL;
	const say = (step: string) => log.info({ step }, 'boot');
	const childLog = (name: string) => (msg: string) => log.debug({ service: name }, msg);

	const postgres = env.DATABASE_URL
		? null
		: await startEmbeddedPostgres({
				dataDir: env.dataDir,
				log: childLog('postgres'),
				onProgress: say
			});
	const meiliServer = env.MEILI_URL
		? null
		: await startEmbeddedMeilisearch({ dataDir: env.dataDir, log: childLog('meilisearch') });
	const stopEmbedded = async () => {
		await meiliServer?.stop();
		await postgres?.stop();
	};
	try {
		const db = createDb(env.DATABASE_URL ?? postgres!.url, {
			max: opts.role === 'server' ? 20 : 5
		});
		const { applied } = await migrate(db, migrationsDir, (name) => say(`migration ${name}`));
		if (applied.length) say(`applied ${applied.length} migration(s)`);
		await syncTaxonomy(db);

		const meili = createMeiliClient(
			env.MEILI_URL ?? meiliServer!.url,
			env.MEILI_MASTER_KEY ?? meiliServer!.masterKey
		);
		await applyIndexSettings(meili, env.MEILI_INDEX_PREFIX, ALL_INDEXES).catch((err) =>
			log.warn(
				{ err: (err as Error).message },
				'Meilisearch settings not applied (search is degraded until it answers)'
			)
		);

		const deps: AppDeps = {
			env,
			db,
			meili,
			lucia: createLucia(db.pool, { secure: env.secure }),
			mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, log }),
			realtime: silentBus,
			log
		};

		let seeded = false;
		const embeddedDb = !env.DATABASE_URL;
		const wantSeed = env.SEED === 'always' || (env.SEED === 'auto' && embeddedDb);
		if (opts.role === 'server' && wantSeed && !(await isSeeded(deps))) {
			say('seeding demo data (first start)');
			await seedDemo(deps, {
				orgs: env.SEED_ORGS,
				progress: (label, total) => progressBar(`seed ${label}`, total)
			});
			seeded = true;
		}

		const showDemoAccounts = seeded || (await isSeeded(deps));
		const jobs: BackgroundJob[] = opts.role === 'server' ? startJobs(deps) : [];
		const attached = new WeakSet<HttpServer>();
		let closeRealtime: (() => Promise<void>) | null = null;

		return {
			deps,
			embedded: { postgres, meili: meiliServer },
			seeded,
			showDemoAccounts,
			demo: { DEMO_ACCOUNTS, DEMO_PASSWORD },
			async attach(server) {
				if (attached.has(server)) return;
				attached.add(server);
				const { attachRealtime } = await import('./realtime/server');
				const rt = await attachRealtime(server, deps);
				deps.realtime = rt.bus;
				closeRealtime = rt.close;
			},
			async stop() {
				await Promise.all(jobs.map((j) => j.stop()));
				await closeRealtime?.();
				await db.end().catch(() => {});
				await stopEmbedded();
			}
		};
	} catch (err) {
		await stopEmbedded();
		throw err;
	}
}

// One runtime per process, shared by SvelteKit's server code, the Vite dev plugin and server.js
// even when a bundler loads this module twice.
const GLOBAL_KEY = Symbol.for('tashbik.runtime');
type Holder = { promise?: Promise<Runtime> };
const holder: Holder = ((globalThis as Record<symbol, Holder>)[GLOBAL_KEY] ??= {});

export function getRuntime(): Promise<Runtime> {
	holder.promise ??= bootRuntime({ role: 'server' });
	return holder.promise;
}

export function runtimeIfStarted(): Promise<Runtime> | undefined {
	return holder.promise;
}
