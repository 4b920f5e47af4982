// System tests: the BUILT server (`node server.js`, after `npx vite build`) as separate processes,
// against a PostgreSQL and a Meilisearch that the test starts itself (embedded binaries, on ports
// it chooses), so that it can stop, kill and restart each of them under load.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../src/lib/server/db/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { syncTaxonomy } from '../../src/lib/server/taxonomy/taxonomy.repo';
import {
	startEmbeddedPostgres,
	type EmbeddedPostgres
} from '../../src/lib/server/services/embedded-postgres';
import {
	startEmbeddedMeilisearch,
	type EmbeddedMeilisearch
} from '../../src/lib/server/services/embedded-meilisearch';
import { findFreePort } from '../../src/lib/server/services/processes';

export const SESSION_COOKIE = 'tashbik_session';
const quiet = () => {};

/** A temporary directory the postgres OS user can traverse (mkdtemp makes it private to root). */
export function tempDir(prefix: string) {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	chmodSync(dir, 0o755);
	return dir;
}

export interface Services {
	dir: string;
	databaseUrl: string;
	meiliUrl: string;
	meiliKey: string;
	/** The test's own connection to the app's database (migrated). */
	db: Db;
	/** Stops PostgreSQL cleanly (SIGINT: fast shutdown, clients get "terminating connection"). */
	stopPostgres(): Promise<void>;
	/** Starts PostgreSQL again on the same port and data. */
	startPostgres(): Promise<void>;
	/** SIGKILL to Meilisearch: no goodbye to anyone. */
	killMeili(): Promise<void>;
	/** Starts Meilisearch again on the same port and data. */
	startMeili(): Promise<void>;
	meiliPid(): number | undefined;
	close(): Promise<void>;
}

/** An external PostgreSQL (migrated unless told otherwise) and Meilisearch for app processes to share. */
export async function startServices(
	prefix = 'tashbik-sys-',
	opts: { migrate?: boolean } = {}
): Promise<Services> {
	const dir = tempDir(prefix);
	let pg: EmbeddedPostgres | null = await startEmbeddedPostgres({ dataDir: dir, log: quiet });
	const pgPort = pg.port;
	let meili: EmbeddedMeilisearch | null = await startEmbeddedMeilisearch({
		dataDir: dir,
		log: quiet
	});
	const meiliUrl = meili.url;
	const meiliPort = Number(new URL(meiliUrl).port);
	const db = createDb(pg.url, { max: 4 });
	// Migrated before any node starts, so the test can write its data before and between starts
	// (unless the test wants the nodes to migrate an empty database themselves).
	if (opts.migrate !== false) {
		await migrate(db, path.resolve('db/migrations'));
		await syncTaxonomy(db);
	}
	return {
		dir,
		databaseUrl: pg.url,
		meiliUrl,
		meiliKey: meili.masterKey,
		db,
		async stopPostgres() {
			await pg?.stop();
			pg = null;
		},
		async startPostgres() {
			pg = await startEmbeddedPostgres({ dataDir: dir, log: quiet, port: pgPort });
		},
		async killMeili() {
			const pid = meili?.pid;
			if (pid) {
				process.kill(pid, 'SIGKILL');
				await meili!.stop(); // resolves once the process has gone
			}
			meili = null;
		},
		async startMeili() {
			meili = await startEmbeddedMeilisearch({ dataDir: dir, log: quiet, port: meiliPort });
		},
		meiliPid: () => meili?.pid,
		async close() {
			await db.end().catch(() => {});
			await meili?.stop();
			await pg?.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface AppNode {
	port: number;
	url: string;
	child: ChildProcess;
	output(): string;
	/** Sends `signal` and resolves with the exit code once the process has gone. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node server.js` (the build) and resolves once it says it is ready. */
export async function startApp(
	services: Pick<Services, 'databaseUrl' | 'meiliUrl' | 'meiliKey' | 'dir'>,
	opts: { port?: number; env?: Record<string, string> } = {}
): Promise<AppNode> {
	const port = opts.port ?? (await findFreePort());
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: path.join(services.dir, `app-${port}`),
			DATABASE_URL: services.databaseUrl,
			MEILI_URL: services.meiliUrl,
			MEILI_MASTER_KEY: services.meiliKey,
			SEED: 'never',
			LOG_LEVEL: 'warn',
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (c) => (out += c));
	child.stderr!.on('data', (c) => (out += c));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${out}`)), 60_000);
		const check = () => {
			if (out.includes('Tashbik is ready')) {
				clearTimeout(timer);
				child.off('exit', onExit);
				resolve();
			}
		};
		const onExit = (code: number | null) => {
			clearTimeout(timer);
			reject(new Error(`exited with ${code}:\n${out}`));
		};
		child.stdout!.on('data', check);
		child.once('exit', onExit);
	});
	return {
		port,
		url,
		child,
		output: () => out,
		stop: (signal = 'SIGTERM') =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
				child.once('exit', (code) => resolve(code));
				child.kill(signal);
			})
	};
}

/** A tRPC 10 call over HTTP as the browser makes it (no batching, no transformer). */
export async function trpc(
	node: Pick<AppNode, 'url'>,
	procedure: string,
	input: unknown,
	opts: {
		cookie?: string;
		mutation?: boolean;
		timeoutMs?: number;
		headers?: Record<string, string>;
	} = {}
): Promise<{ status: number; body: TrpcBody; headers: Headers }> {
	const headers: Record<string, string> = { origin: node.url, ...opts.headers };
	if (opts.cookie) headers.cookie = opts.cookie;
	const signal = AbortSignal.timeout(opts.timeoutMs ?? 15_000);
	const res = opts.mutation
		? await fetch(`${node.url}/api/trpc/${procedure}`, {
				method: 'POST',
				headers: { ...headers, 'content-type': 'application/json' },
				body: JSON.stringify(input),
				signal
			})
		: await fetch(
				`${node.url}/api/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
				{ headers, signal }
			);
	const text = await res.text();
	let body: TrpcBody;
	try {
		body = JSON.parse(text) as TrpcBody;
	} catch {
		body = { raw: text };
	}
	return { status: res.status, body, headers: res.headers };
}

export interface TrpcBody {
	result?: { data: unknown };
	error?: { message: string; data?: { code?: string; httpStatus?: number } };
	raw?: string;
}

/**
 * Organizations with one owner each (straight into the database, with a session), not connected
 * to one another. The owner's cookie works on every node: sessions live in PostgreSQL.
 */
export async function makeOwners(db: Db, n: number, tag: string) {
	const out: { userId: string; orgId: string; cookie: string }[] = [];
	for (let i = 0; i < n; i++) {
		const { rows: u } = await db.query<{ id: string }>(
			`INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', $2) RETURNING id`,
			[`${tag}-${i}@system.test`, `Owner ${tag} ${i}`]
		);
		const { rows: o } = await db.query<{ id: string }>(
			`INSERT INTO organizations (kind, slug, name_fr, status, province)
			 VALUES ('cooperative', $1, $2, 'published', 'taourirt') RETURNING id`,
			[`${tag}-${i}`, `Coopérative ${tag} ${i}`]
		);
		await db.query(
			`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, 'owner')`,
			[o[0].id, u[0].id]
		);
		const sessionId = randomBytes(20).toString('hex');
		await db.query(
			`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
			[sessionId, u[0].id]
		);
		out.push({ userId: u[0].id, orgId: o[0].id, cookie: `${SESSION_COOKIE}=${sessionId}` });
	}
	return out;
}

/** Polls `check` until it returns a value other than undefined, or throws after `ms`. */
export async function eventually<T>(
	what: string,
	check: () => Promise<T | undefined>,
	ms = 30_000
): Promise<T> {
	const deadline = Date.now() + ms;
	let last: unknown;
	for (;;) {
		try {
			const v = await check();
			if (v !== undefined) return v;
		} catch (err) {
			last = err;
		}
		if (Date.now() > deadline)
			throw new Error(`${what}: not within ${ms} ms${last ? ` (${String(last)})` : ''}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
