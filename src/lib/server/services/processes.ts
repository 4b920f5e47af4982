import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';

/** True when a process with this pid exists and its command line contains `name`. */
export function isProcessRunning(pid: number | undefined, name: string): boolean {
	if (!pid || pid <= 0) return false;
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
	} catch {
		return true; // no /proc (not Linux): trust the signal check
	}
}

export async function findFreePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, host, () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** Resolves when the child exits; sends SIGKILL if it has not exited after `timeoutMs`. */
export function stopChild(
	child: ChildProcess,
	signal: NodeJS.Signals,
	timeoutMs = 10_000
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill(signal);
	});
}

/** Stops a process we did not spawn (an orphan from a crashed run): signal, then wait for it to go. */
export async function stopPid(
	pid: number,
	name: string,
	signal: NodeJS.Signals,
	timeoutMs = 10_000
) {
	try {
		process.kill(pid, signal);
	} catch {
		return;
	}
	const deadline = Date.now() + timeoutMs;
	while (isProcessRunning(pid, name)) {
		if (Date.now() > deadline) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				/* gone meanwhile */
			}
			return;
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** Children we started; stopped synchronously (best effort) if the process exits abruptly. */
const children = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

export function trackChild(child: ChildProcess, exitSignal: NodeJS.Signals) {
	children.set(child, exitSignal);
	child.once('exit', () => children.delete(child));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const [c, signal] of children) c.kill(signal);
		});
	}
}
