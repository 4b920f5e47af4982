// `npm run dev`: Vite's dev server with the same runtime as production (embedded services,
import './load-env.js';
// migrations, seed, socket.io on the same HTTP server; see tashbikDevRuntime in vite.config.ts).
import { createServer } from 'vite';

const port = Number(process.env.PORT ?? 5173);
const server = await createServer({
	server: { port, strictPort: true, host: process.env.HOST ?? '127.0.0.1' }
});
try {
	await server.listen();
} catch (err) {
	process.stderr.write(
		err.code === 'EADDRINUSE' || /already in use/i.test(err.message)
			? `\nTashbik could not start: port ${port} is already in use. Choose another: PORT=5174 npm run dev\n`
			: `\nTashbik could not start: ${err.message}\n`
	);
	process.exit(1);
}

const holder = globalThis[Symbol.for('tashbik.runtime')];
const waitForRuntime = async () => {
	for (;;) {
		if (holder?.promise ?? globalThis[Symbol.for('tashbik.runtime')]?.promise)
			return (holder ?? globalThis[Symbol.for('tashbik.runtime')]).promise;
		await new Promise((r) => setTimeout(r, 50));
	}
};
const runtime = await waitForRuntime();
server.printUrls();
if (runtime.showDemoAccounts) {
	process.stdout.write(`\n  Demo accounts (password for all: ${runtime.demo.DEMO_PASSWORD})\n`);
	for (const a of runtime.demo.DEMO_ACCOUNTS)
		process.stdout.write(`    ${a.email.padEnd(24)} ${a.note}\n`);
	process.stdout.write('\n');
}

let stopping = false;
async function shutdown() {
	if (stopping) return;
	stopping = true;
	const force = setTimeout(() => process.exit(1), 15_000);
	force.unref();
	await server.close();
	await runtime.stop();
	process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
