import '../load-env.js';
import { parseEnv, ConfigError } from '../../src/lib/server/env';
import { MigrationError } from '../../src/lib/server/db/migrate';
import { BackupError, redact } from '../../src/lib/server/db/backup';
import { startEmbeddedPostgres } from '../../src/lib/server/services/embedded-postgres';
import { UsageError } from './run-script';

export const say = (line: string) => process.stdout.write(line + '\n');

/**
 * Runs a database task (backup, restore) against DATABASE_URL, or against the embedded PostgreSQL
 * of DATA_DIR: the running app's when it is up, else one started for the task and stopped after.
 * Only PostgreSQL: no Meilisearch, no migrations before the task. Exits non-zero with one line.
 */
export async function withDatabase(name: string, task: (url: string) => Promise<void>) {
	let stop: (() => Promise<void>) | undefined;
	let code = 0;
	try {
		const env = parseEnv();
		let url = env.DATABASE_URL;
		if (url) {
			say(`database: ${redact(url)}`);
		} else {
			const pg = await startEmbeddedPostgres({ dataDir: env.dataDir, log: () => {} });
			stop = pg.stop;
			url = pg.url;
			say(
				pg.owned
					? `database: embedded PostgreSQL of ${env.dataDir} (started for this task)`
					: `database: embedded PostgreSQL of ${env.dataDir} (the running app's)`
			);
		}
		await task(url);
	} catch (err) {
		code = 1;
		const e = err as Error;
		const known =
			e instanceof BackupError ||
			e instanceof ConfigError ||
			e instanceof MigrationError ||
			e instanceof UsageError;
		process.stderr.write(`${name} failed: ${known ? e.message : (e.stack ?? String(e))}\n`);
	} finally {
		await stop?.().catch(() => {});
	}
	process.exit(code);
}
