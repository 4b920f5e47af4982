// npm run bench:chat — the chat's figures on this machine, in one run:
//   1. latency: 1,000 sockets (another process), 50 messages a second to rooms of 10, from send to
//      receipt, through the chat (commit to PostgreSQL, then broadcast) and through a bare
//      socket.io echo server; p50/p95/p99 and the ratios.
//   2. chaos: 10,000 messages, random client disconnects, one server restart (SIGKILL, then a
//      new process on the same port); lost / duplicated / out-of-order, which must all be 0.
// Uses DATABASE_URL when set, else an embedded PostgreSQL in a temporary directory.
// Options: --seconds 60 --rate 50 --users 1000 --chaos-messages 10000 --chaos-rate 250
//          --only latency|chaos
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/lib/server/services/embedded-postgres';
import { createDb } from '../../src/lib/server/db/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { SESSION_COOKIE } from '../../src/lib/server/auth/lucia';
import { startRealtimeNode } from '../../tests/helpers/spawn-node';
import { seedBench, type BenchUser } from './seed';

const arg = (name: string, def: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 60);
const RATE = arg('rate', 50);
const USERS = arg('users', 1000);
const CHAOS_MESSAGES = arg('chaos-messages', 10_000);
const CHAOS_RATE = arg('chaos-rate', 250);
const ONLY = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]
	: null;
const TSX = path.resolve('node_modules/.bin/tsx');
const log = (s: string) => process.stderr.write(s + '\n');

function runClients(config: object, onLine: (x: Record<string, unknown>) => void = () => {}) {
	const child = spawn(TSX, [path.resolve('bench/chat/clients.ts')], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	child.stdin!.end(JSON.stringify(config));
	return new Promise<Record<string, unknown>>((resolve, reject) => {
		let result: Record<string, unknown> | null = null;
		readline.createInterface({ input: child.stdout! }).on('line', (line) => {
			const x = JSON.parse(line);
			if (x.result) result = x.result;
			else onLine(x);
		});
		child.on('exit', (code) =>
			result ? resolve(result) : reject(new Error(`clients exited ${code}`))
		);
	});
}

function startEcho(): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(TSX, [path.resolve('bench/chat/echo-server.ts')], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve) =>
		readline
			.createInterface({ input: child.stdout! })
			.once('line', (l) => resolve({ url: `http://127.0.0.1:${JSON.parse(l).port}`, child }))
	);
}

const loadAtStart = os.loadavg().map((x) => Math.round(x * 10) / 10);
const dir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-bench-'));
const embedded = process.env.DATABASE_URL
	? null
	: await startEmbeddedPostgres({ dataDir: dir, log: () => {} });
const baseUrl = process.env.DATABASE_URL ?? embedded!.url;
const dbName = `tashbik_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const u = new URL(baseUrl);
u.pathname = `/${dbName}`;
const url = u.toString();
const db = createDb(url, { max: 4 });
const nodeEnv = { DATABASE_URL: url, REALTIME_ADAPTER: 'none', DB_POOL: '20', LOG_LEVEL: 'error' };

async function latencyPhase(users: BenchUser[]) {
	log(`latency: bare socket.io echo, ${USERS} sockets, ${RATE} msg/s for ${SECONDS} s…`);
	const echo = await startEcho();
	const echoResult = await runClients({
		mode: 'echo',
		url: echo.url,
		users,
		rate: RATE,
		seconds: SECONDS
	});
	echo.child.kill('SIGTERM');
	log('latency: chat (PostgreSQL commit, then broadcast), same load…');
	const node = await startRealtimeNode(nodeEnv);
	const chatResult = await runClients({
		mode: 'chat',
		url: node.url,
		users,
		rate: RATE,
		seconds: SECONDS
	});
	await node.stop();
	const ratio = (k: 'p50' | 'p95' | 'p99') =>
		Math.round(((chatResult[k] as number) / (echoResult[k] as number)) * 10) / 10;
	const r = { p50: ratio('p50'), p95: ratio('p95'), p99: ratio('p99') };
	return {
		echo: echoResult,
		chat: chatResult,
		ratio: r,
		targets: { p99Under250ms: (chatResult.p99 as number) < 250, p99Within3xEcho: r.p99 <= 3 }
	};
}

/** What the chaos clients count against the database (clients.ts). */
interface ChaosCounts extends Record<string, unknown> {
	lost: number;
	duplicated: number;
	outOfOrder: number;
	unsent: number;
}

async function chaosPhase(users: BenchUser[]) {
	log(
		`chaos: ${CHAOS_MESSAGES} messages at ${CHAOS_RATE}/s, random disconnects, one server restart…`
	);
	let server = await startRealtimeNode(nodeEnv);
	const port = server.port;
	let restarted = false;
	const result = (await runClients(
		{
			mode: 'chaos',
			url: server.url,
			users,
			rate: CHAOS_RATE,
			messages: CHAOS_MESSAGES,
			databaseUrl: url
		},
		(x) => {
			if (typeof x.progress !== 'number') return;
			log(`  chaos: ${x.progress} messages written`);
			if (!restarted && x.progress >= CHAOS_MESSAGES * 0.4) {
				restarted = true;
				log('  chaos: killing the server (SIGKILL) and starting a new one on the same port');
				void server.stop('SIGKILL').then(async () => {
					server = await startRealtimeNode({ ...nodeEnv, PORT: String(port) });
				});
			}
		}
	)) as ChaosCounts;
	await server.stop();
	return { ...result, serverRestarts: restarted ? 1 : 0 };
}

try {
	await migrate(db, path.resolve('db/migrations'));
	log(`seeding ${USERS} + ${USERS} users in rooms of 10…`);
	const latencyUsers = await seedBench(db, USERS, 10, SESSION_COOKIE);
	const chaosUsers = await seedBench(db, USERS, 10, SESSION_COOKIE);
	const latency = ONLY === 'chaos' ? null : await latencyPhase(latencyUsers);
	const chaos = ONLY === 'latency' ? null : await chaosPhase(chaosUsers);
	const report = {
		date: new Date().toISOString(),
		machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
		// Other work on the machine shows in the tails: say how busy it was.
		loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => Math.round(x * 10) / 10) },
		...latency,
		chaos
	};
	process.stdout.write(JSON.stringify(report, null, 2) + '\n');
	const ok =
		(!latency || (latency.targets.p99Under250ms && latency.targets.p99Within3xEcho)) &&
		(!chaos ||
			(chaos.lost === 0 && chaos.duplicated === 0 && chaos.outOfOrder === 0 && chaos.unsent === 0));
	log(ok ? 'chat bench: targets met' : 'chat bench: a target was missed');
	process.exitCode = ok ? 0 : 1;
} finally {
	await db.end();
	await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
	await admin.end();
	await embedded?.stop();
	await rm(dir, { recursive: true, force: true });
}
