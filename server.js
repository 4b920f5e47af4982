// Production entry: one HTTP server for SvelteKit's handler and socket.io.
// Plain JavaScript on purpose (runs on Node 20 without a TypeScript loader); everything else lives
// in the SvelteKit build and is reached through the runtime handle it leaves on globalThis.
import http from 'node:http';
import net from 'node:net';
import process from 'node:process';
import zlib from 'node:zlib';
import compression from 'compression';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// Without ORIGIN, adapter-node would take every request for https and refuse plain-http form
// posts; tell it the truth through a header only this server sets.
const PROTO_HEADER = 'x-tashbik-internal-proto';
if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTO_HEADER;
// Logo (2 MB) and verification document (5 MB) uploads, with multipart overhead.
process.env.BODY_SIZE_LIMIT ??= '6M';

function fail(message) {
	process.stderr.write(`\nTashbik could not start: ${message}\n`);
	process.exit(1);
}

async function portIsFree(p, h) {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(p, h, () => probe.close(() => resolve(true)));
	});
}

if (!Number.isInteger(port) || port < 0 || port > 65535)
	fail(`PORT must be a number from 0 to 65535 (got "${process.env.PORT}")`);
if (!(await portIsFree(port, host))) {
	fail(
		`port ${port} is already in use. Stop what is using it, or choose another port: PORT=3001 npm start`
	);
}

const started = Date.now();
let runtime;
let handler;
try {
	// Importing the handler runs SvelteKit's init hook, which boots the runtime (services,
	// migrations, seed).
	({ handler } = await import('./build/handler.js'));
	runtime = await globalThis[Symbol.for('tashbik.runtime')].promise;
} catch (err) {
	fail(
		err?.name === 'ConfigError' || err?.name === 'MigrationError'
			? err.message
			: (err?.stack ?? String(err))
	);
}

// Pages and tRPC answers are compressed on the fly (a search page is ~70 kB of HTML, ~9 kB in
// brotli: a third of a second on a slow phone connection). The fastest levels: brotli 1 and gzip 1
// cost a quarter of a millisecond of CPU for 30 kB where the defaults cost twice that and more,
// for output ~20 % larger (bench/README.md, load). Static files are precompressed at build time
// and carry their own Content-Encoding, which the middleware leaves alone. Every write is flushed,
// so a streamed response still streams.
const { BROTLI_OPERATION_FLUSH, BROTLI_PARAM_LGWIN, BROTLI_PARAM_QUALITY, Z_SYNC_FLUSH } =
	zlib.constants;
const compress = compression({
	level: 1,
	flush: Z_SYNC_FLUSH,
	brotli: {
		flush: BROTLI_OPERATION_FLUSH,
		// A 256 kB window (pages are smaller) instead of 4 MB allocated for every response.
		params: { [BROTLI_PARAM_QUALITY]: 1, [BROTLI_PARAM_LGWIN]: 18 }
	}
});

const server = http.createServer((req, res) => {
	// Static files bypass SvelteKit's hooks (which set the other security headers on everything else).
	res.setHeader('x-content-type-options', 'nosniff');
	if (!process.env.ORIGIN) req.headers[PROTO_HEADER] = 'http';
	compress(req, res, () => handler(req, res));
});
await runtime.attach(server);

server.on('error', async (err) => {
	await runtime.stop();
	fail(err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message);
});

server.listen(port, host, () => {
	const address = server.address();
	const shown =
		process.env.ORIGIN ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
	const { DEMO_ACCOUNTS, DEMO_PASSWORD } = runtime.demo;
	const lines = [
		'',
		`  Tashbik is ready at ${shown}   (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
		`  database: ${runtime.embedded.postgres ? 'embedded PostgreSQL' : 'DATABASE_URL'} · search: ${runtime.embedded.meili ? 'bundled Meilisearch' : 'MEILI_URL'}`,
		''
	];
	if (runtime.showDemoAccounts) {
		lines.push(`  Demo accounts (password for all: ${DEMO_PASSWORD})`);
		for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.email.padEnd(24)} ${a.note}`);
		lines.push('');
	}
	process.stdout.write(lines.join('\n') + '\n');
});

let stopping = false;
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	process.stdout.write(`\n${signal}: stopping Tashbik…\n`);
	const force = setTimeout(() => process.exit(1), 15_000);
	force.unref();
	server.close();
	server.closeAllConnections?.();
	await runtime.stop();
	process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
