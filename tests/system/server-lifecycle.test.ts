import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

/**
 * The production server as an operator runs it (`node server.js` on the build): zero-setup start
 * with embedded services, clean shutdown with no orphan process, data reused on the next start, and
 * one clear line for a taken port or a bad setting. Prints the measured start times.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tashbik-sys-'));
// mkdtemp makes the folder private to root; the embedded PostgreSQL runs as the postgres user and
// must traverse it (otherwise the server falls back to a folder of its own, see resolvePgDataDir).
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort() {
	return new Promise<number>((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

interface Started {
	child: ChildProcess;
	output: () => string;
	readyMs: number;
	port: number;
}

async function startServer(env: Record<string, string> = {}): Promise<Started> {
	const port = await freePort();
	const started = Date.now();
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			SEED_ORGS: '50',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (c) => (out += c));
	child.stderr!.on('data', (c) => (out += c));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${out}`)), 90_000);
		const check = () => {
			if (out.includes('Tashbik is ready')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', check);
		child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
	});
	return { child, output: () => out, readyMs: Date.now() - started, port };
}

async function stop(s: Started, signal: NodeJS.Signals = 'SIGTERM') {
	const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
	s.child.kill(signal);
	return exited;
}

function servicesOf(dir: string) {
	// Any postgres or meilisearch process whose command line names this data directory.
	const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
	return ps.split('\n').filter((l) => l.includes(dir) && /postgres|meilisearch/.test(l));
}

describe('the production server', () => {
	const times: string[] = [];
	// A failed assertion must not leave a server (and its services) running for the next test.
	const running: Started[] = [];
	afterEach(async () => {
		for (const s of running.splice(0))
			if (s.child.exitCode === null && s.child.signalCode === null) await stop(s);
	});
	afterAll(() => process.stdout.write(`\nstart to ready: ${times.join(', ')}\n`));

	it('starts with nothing configured, serves Arabic, reports all green, and stops cleanly', async () => {
		const s = await startServer();
		running.push(s);
		times.push(`first start ${s.readyMs} ms`);
		expect(s.output()).toContain('Demo accounts');
		expect(s.output()).toContain('fatima@tashbik.ma');
		const health = await (await fetch(`http://127.0.0.1:${s.port}/healthz`)).json();
		expect(health).toEqual({ status: 'ok', database: 'up', search: 'up', realtime: 'up' });
		const home = await fetch(`http://127.0.0.1:${s.port}/`);
		// Every response carries its request id (the same id is on the request's log line).
		expect(home.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		const html = await home.text();
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(servicesOf(dataDir).length).toBeGreaterThanOrEqual(2);
		expect(await stop(s)).toBe(0);
		expect(servicesOf(dataDir)).toEqual([]);
	});

	it('reuses the data on the second start (no second seed) and stops on SIGINT too', async () => {
		const s = await startServer();
		running.push(s);
		times.push(`second start ${s.readyMs} ms`);
		expect(s.output()).not.toContain('seed accounts');
		const res = await fetch(`http://127.0.0.1:${s.port}/sign-in`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				// A browser's plain form post; without it SvelteKit answers in its JSON form protocol.
				accept: 'text/html',
				origin: `http://127.0.0.1:${s.port}`
			},
			body: 'email=fatima%40tashbik.ma&password=Oujda-Demo-2026!',
			redirect: 'manual'
		});
		expect(res.status).toBe(303); // the seeded account from the first start signs in
		expect(res.headers.get('set-cookie')).toMatch(/tashbik_session=.+HttpOnly.+SameSite=Lax/i);
		expect(await stop(s, 'SIGINT')).toBe(0);
		expect(servicesOf(dataDir)).toEqual([]);
	});

	it('says clearly when the port is taken, and starts nothing', async () => {
		const blocker = net.createServer();
		const port = await freePort();
		await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
		const result = spawnSync(process.execPath, ['server.js'], {
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
			encoding: 'utf8',
			timeout: 30_000
		});
		blocker.close();
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(`port ${port} is already in use`);
		expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
		expect(servicesOf(dataDir)).toEqual([]);
	});

	it('npm run user:create makes a staff account that can sign in (server stopped, data kept)', async () => {
		const email = `agent-${Date.now()}@oriental.ma`;
		const made = spawnSync(
			'node_modules/.bin/tsx',
			[
				'scripts/cli/user-create.ts',
				'--email',
				email,
				'--role',
				'staff',
				'--name',
				'Agent du Conseil',
				'--password',
				'Agent-Du-Conseil-Oujda-9'
			],
			{
				env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
				encoding: 'utf8',
				timeout: 60_000
			}
		);
		expect(made.status, made.stderr).toBe(0);
		expect(made.stdout).toContain(`Created staff ${email}`);
		const bad = spawnSync(
			'node_modules/.bin/tsx',
			['scripts/cli/user-create.ts', '--role', 'chief'],
			{ env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 }
		);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/^user:create failed: usage: npm run user:create/);
		const s = await startServer();
		running.push(s);
		const res = await fetch(`http://127.0.0.1:${s.port}/sign-in`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: `http://127.0.0.1:${s.port}`
			},
			body: `email=${encodeURIComponent(email)}&password=Agent-Du-Conseil-Oujda-9`,
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		// Staff set up their second factor before any staff work.
		expect(res.headers.get('location')).toBe('/account/two-factor?required=1');
	});

	it('stops on a bad setting with one line naming it', async () => {
		const result = spawnSync(process.execPath, ['server.js'], {
			env: {
				...process.env,
				PORT: String(await freePort()),
				DATA_DIR: dataDir,
				DATABASE_URL: 'mysql://nope'
			},
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(result.status).toBe(1);
		expect(result.stderr.trim().split('\n').at(-1)).toMatch(
			/^Tashbik could not start: Invalid configuration: DATABASE_URL /
		);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});
});
