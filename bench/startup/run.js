// Start-up time and memory of the production server with its embedded services.
//   npm run build && node bench/startup/run.js
// First start (empty data directory: initdb, migrations, demo seed) and second start (data
// reused), each to the "ready" line; then the resident memory of the whole process tree (node,
// PostgreSQL and its workers, Meilisearch) after a few page loads.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tashbik-bench-startup-'));
chmodSync(dataDir, 0o755);
const port = 3900 + Math.floor(Math.random() * 90);
const seedOrgs = process.env.SEED_ORGS ?? '2000';

function start() {
	const t0 = Date.now();
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			SEED_ORGS: seedOrgs
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (c) => {
			out += c;
			if (out.includes('Tashbik is ready')) resolve({ child, ms: Date.now() - t0 });
		});
		child.stderr.on('data', (c) => (out += c));
		child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
	});
}

function stop(child) {
	return new Promise((r) => {
		child.once('exit', r);
		child.kill('SIGTERM');
	});
}

/** Resident set size (MB) of a process and all its descendants, from /proc. */
function treeRssMb(rootPid) {
	const children = new Map();
	const rss = new Map();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			(children.get(ppid) ?? children.set(ppid, []).get(ppid)).push(Number(pid));
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			rss.set(Number(pid), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
		} catch {
			/* exited meanwhile */
		}
	}
	let total = 0;
	const parts = {};
	const walk = (pid) => {
		total += rss.get(pid) ?? 0;
		const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
		parts[name] = (parts[name] ?? 0) + (rss.get(pid) ?? 0);
		for (const c of children.get(pid) ?? []) walk(c);
	};
	walk(rootPid);
	return { total, parts };
}

try {
	const first = await start();
	await stop(first.child);
	const second = await start();
	for (const p of ['/', '/sign-in', '/healthz']) await fetch(`http://127.0.0.1:${port}${p}`);
	const { total, parts } = treeRssMb(second.child.pid);
	await stop(second.child);
	console.log(`seeded organizations: ${seedOrgs}`);
	console.log(`first start to ready:  ${first.ms} ms (initdb, migrations, seed)`);
	console.log(`second start to ready: ${second.ms} ms (data reused)`);
	console.log(`resident memory, whole tree: ${total.toFixed(0)} MB`);
	for (const [name, mb] of Object.entries(parts).sort((a, b) => b[1] - a[1]))
		console.log(`  ${name.padEnd(16)} ${mb.toFixed(0)} MB`);
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}
