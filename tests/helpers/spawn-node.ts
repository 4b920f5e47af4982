import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const TSX = path.resolve('node_modules/.bin/tsx');
const ENTRY = path.resolve('tests/helpers/realtime-node.ts');

export interface RealtimeNode {
	url: string;
	port: number;
	process: ChildProcess;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts tests/helpers/realtime-node.ts as a separate OS process; resolves once it listens. */
export function startRealtimeNode(
	env: Record<string, string>,
	timeoutMs = 30_000
): Promise<RealtimeNode> {
	const child = spawn(TSX, [ENTRY], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (d) => (stderr += d));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`node did not start: ${stderr}`)), timeoutMs);
		child.once('exit', (code) => reject(new Error(`node exited (${code}): ${stderr}`)));
		readline.createInterface({ input: child.stdout! }).once('line', (line) => {
			clearTimeout(timer);
			const { port } = JSON.parse(line) as { port: number };
			resolve({
				url: `http://127.0.0.1:${port}`,
				port,
				process: child,
				stop: (signal = 'SIGTERM') =>
					new Promise((done) => {
						if (child.exitCode !== null) return done();
						child.once('exit', () => done());
						child.kill(signal);
					})
			});
		});
	});
}
