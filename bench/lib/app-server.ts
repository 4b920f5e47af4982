// Shared by the page-quality and load benches: the built production server (node server.js) with
// its embedded services and the demo seed, or an app already running at a given URL; and a demo
// account signed in through the real sign-in form.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildIsFresh, writeStamp } from '../../scripts/build-stamp.js';

export const DEMO_PASSWORD = 'Oujda-Demo-2026!';
export const DEMO_PROFILE = '/o/amal-couscous-taourirt';

export interface App {
	origin: string;
	/** The server process, when this bench started it. */
	server: ChildProcess | null;
	/** Its data directory, when this bench started it. */
	dataDir: string | null;
	stop(): Promise<void>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** `--name value` pairs from the command line. */
export function benchArgs(): Record<string, string | undefined> {
	return Object.fromEntries(
		process.argv
			.slice(2)
			.join(' ')
			.split('--')
			.filter(Boolean)
			.map((a) => a.trim().split(/\s+/) as [string, string])
	);
}

/** Polls `/healthz` until the server answers (or exits, or the deadline passes). */
export async function waitUntilHealthy(origin: string, server: ChildProcess, ms = 180_000) {
	const deadline = Date.now() + ms;
	for (;;) {
		if (server.exitCode !== null) throw new Error('the server exited');
		const ok = await fetch(`${origin}/healthz`, { headers: { connection: 'close' } })
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return;
		if (Date.now() > deadline) throw new Error('the server did not start');
		await new Promise((r) => setTimeout(r, 250));
	}
}

export function ensureBuild() {
	if (buildIsFresh()) return;
	say('building the app…');
	const r = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{ stdio: 'inherit' }
	);
	if (r.status !== 0) throw new Error('build failed');
	writeStamp();
}

/**
 * `url` given: use that app as it is. Otherwise build if needed and start `node server.js` on
 * `port` with a data directory of its own (kept between runs: the demo seed runs on the first).
 */
export async function startApp(opts: { url?: string; port: number; name: string }): Promise<App> {
	if (opts.url)
		return {
			origin: opts.url.replace(/\/$/, ''),
			server: null,
			dataDir: null,
			stop: async () => {}
		};
	ensureBuild();
	const origin = `http://127.0.0.1:${opts.port}`;
	const dataDir =
		process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), `tashbik-bench-${opts.name}`);
	say(
		`starting the production server on ${origin} (data in ${dataDir}; the first start seeds the demo)…`
	);
	const server = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATA_DIR: dataDir,
			LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
			PORT: String(opts.port),
			HOST: '127.0.0.1',
			ORIGIN: origin
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await waitUntilHealthy(origin, server);
	await waitForSearchIdle(dataDir);
	return {
		origin,
		server,
		dataDir,
		stop: () =>
			new Promise<void>((resolve) => {
				if (server.exitCode !== null) return resolve();
				server.once('exit', () => resolve());
				server.kill('SIGTERM');
			})
	};
}

/**
 * Waits until the bundled Meilisearch has no task left (the first start indexes the whole demo,
 * a restart may re-apply settings): measuring meanwhile would measure the indexing.
 */
export async function waitForSearchIdle(dataDir: string) {
	const dir = path.join(dataDir, 'meili');
	const state = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8').catch(() => '{}'));
	if (!state.port) return;
	const key = (await readFile(path.join(dir, 'master-key'), 'utf8')).trim();
	const url = `http://127.0.0.1:${state.port}/tasks?statuses=enqueued,processing&limit=1`;
	for (let announced = false; ;) {
		const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
		const { total } = (await res.json()) as { total: number };
		if (!total) return;
		if (!announced) say('waiting for Meilisearch to finish indexing…');
		announced = true;
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** Signs a demo account in through the sign-in form; returns the Cookie header to send. */
export async function signIn(origin: string, email: string, password = DEMO_PASSWORD) {
	const res = await fetch(`${origin}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookies = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((c) => !c.endsWith('='));
	if (res.status !== 303 || cookies.length === 0)
		throw new Error(`signing in as ${email} failed (${res.status}): is the demo seeded?`);
	return cookies.join('; ');
}

/** The first conversation in the account's inbox. */
export async function firstConversation(origin: string, cookie: string) {
	const html = await (await fetch(`${origin}/messages`, { headers: { cookie } })).text();
	const m = html.match(/href="(\/messages\/[0-9a-f-]{36})"/);
	if (!m) throw new Error('the account has no conversation: is the demo seeded?');
	return m[1];
}

/** Load average and machine, for the figures' context. */
export function machine() {
	const cpus = os.cpus();
	return {
		cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}`,
		memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
		node: process.version,
		load: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')
	};
}
