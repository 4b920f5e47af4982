// npm run db:backup [-- --out file] [--format auto|pg_dump|logical]
// A pg_dump custom archive when a pg_dump as new as the server is at hand, else Tashbik's logical
// dump (see src/lib/server/db/backup.ts). Default file: DATA_DIR/backups/tashbik-<time>.dump
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from '../../src/lib/server/env';
import { backup } from '../../src/lib/server/db/backup';
import { parseArgs, UsageError } from './run-script';
import { say, withDatabase } from './db-target';

const USAGE = 'usage: npm run db:backup [-- --out file] [--format auto|pg_dump|logical]';

await withDatabase('db:backup', async (url) => {
	const args = parseArgs();
	const format = String(args.format ?? 'auto');
	if (!['auto', 'pg_dump', 'logical'].includes(format) || args.out === true)
		throw new UsageError(USAGE);
	const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	const out = path.resolve(
		typeof args.out === 'string'
			? args.out
			: path.join(parseEnv().dataDir, 'backups', `tashbik-${stamp}.dump`)
	);
	mkdirSync(path.dirname(out), { recursive: true });
	const started = Date.now();
	const r = await backup(url, { out, format: format as 'auto', say });
	say(
		`Backup written: ${r.file} (${r.format === 'pg_dump' ? 'pg_dump custom archive' : 'Tashbik logical dump'}, ` +
			`${r.tables} tables, ${r.rows} rows, ${(r.bytes / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s)`
	);
});
