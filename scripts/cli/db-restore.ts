// npm run db:restore -- file [--force]
// Restores a backup made by db:backup (either format) into the database; refuses a database that
// is not empty unless --force. Then rebuild the search index: npm run search:reindex.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from '../../src/lib/server/env';
import { restore } from '../../src/lib/server/db/backup';
import { migrationsDir } from '../../src/lib/server/paths';
import { parseArgs, UsageError } from './run-script';
import { say, withDatabase } from './db-target';

const USAGE = 'usage: npm run db:restore -- <backup file> [--force]';

await withDatabase('db:restore', async (url) => {
	const args = parseArgs();
	const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
	if (!file) throw new UsageError(USAGE);
	if (!existsSync(file)) throw new UsageError(`${file}: no such file\n${USAGE}`);
	const started = Date.now();
	const r = await restore(url, file, {
		force: 'force' in args,
		migrationsDir,
		say,
		safetyDir: path.join(parseEnv().dataDir, 'backups')
	});
	const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
	say(
		`Restored ${file}: ${Object.keys(r.counts).length} tables, ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`
	);
	say('Next: npm run search:reindex (the search index is rebuilt from the restored database).');
});
