import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './db';

export class MigrationError extends Error {
	override name = 'MigrationError';
}

export interface MigrationFile {
	id: number;
	name: string;
	sql: string;
	checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works; it only has to be the same for every node so that two nodes booting
// together do not both apply the same migration.
const LOCK_KEY = 7_411_202;

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
	const names = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	const files: MigrationFile[] = [];
	for (const name of names) {
		const match = FILE_PATTERN.exec(name);
		if (!match)
			throw new MigrationError(`Migration file name "${name}" must look like 0001_some_name.sql`);
		const sql = await readFile(path.join(dir, name), 'utf8');
		files.push({ id: Number(match[1]), name, sql, checksum: checksumOf(sql) });
	}
	// Numbers are unique and increasing; gaps are allowed (work in flight reserves a range,
	// db/CONVENTIONS.md), so 0020 may land before 0010.
	files.forEach((f, i) => {
		if (i > 0 && f.id === files[i - 1].id)
			throw new MigrationError(
				`Two migrations share the number ${f.id}: ${files[i - 1].name}, ${f.name}`
			);
	});
	return files;
}

function checksumOf(sql: string) {
	return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Applies pending migrations, each in its own transaction, recording name and checksum.
 * An already applied migration whose file changed stops everything: migrations are never edited
 * once landed (db/CONVENTIONS.md); write a new one instead.
 */
export async function migrate(
	db: Db,
	dir: string,
	onApply: (name: string) => void = () => {}
): Promise<{ applied: string[] }> {
	const files = await readMigrations(dir);
	const client = await db.pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
		await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
			id integer PRIMARY KEY,
			name text NOT NULL,
			checksum text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
		const { rows } = await client.query<{ id: number; name: string; checksum: string }>(
			'SELECT id, name, checksum FROM schema_migrations ORDER BY id'
		);
		for (const row of rows) {
			const file = files.find((f) => f.id === row.id);
			if (!file)
				throw new MigrationError(
					`Migration ${row.name} is applied but its file is missing from ${dir}`
				);
			if (file.checksum !== row.checksum)
				throw new MigrationError(
					`Migration ${row.name} was edited after it was applied (checksum differs). Revert the edit and add a new migration instead.`
				);
		}
		const applied: string[] = [];
		for (const file of files.filter((f) => !rows.some((r) => r.id === f.id))) {
			try {
				await client.query('BEGIN');
				await client.query(file.sql);
				await client.query(
					'INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)',
					[file.id, file.name, file.checksum]
				);
				await client.query('COMMIT');
			} catch (err) {
				await client.query('ROLLBACK').catch(() => {});
				throw new MigrationError(`Migration ${file.name} failed: ${(err as Error).message}`);
			}
			applied.push(file.name);
			onApply(file.name);
		}
		return { applied };
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
		client.release();
	}
}
