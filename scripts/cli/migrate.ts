// npm run db:migrate: apply pending migrations (the boot applies them too; this does only that).
import { runScript } from './run-script';

await runScript('db:migrate', async (rt) => {
	const { rows } = await rt.deps.db.query<{ name: string; applied_at: Date }>(
		'SELECT name, applied_at FROM schema_migrations ORDER BY id'
	);
	for (const r of rows) process.stdout.write(`  ${r.name}  ${r.applied_at.toISOString()}\n`);
	process.stdout.write(`${rows.length} migration(s) applied; the database is up to date.\n`);
});
