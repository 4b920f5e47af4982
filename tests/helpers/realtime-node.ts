// One app node's realtime side as its own OS process: socket.io with the chat handlers and the
// configured adapter (REALTIME_ADAPTER=postgres|redis) on an HTTP server, over a shared database.
// Run twice to prove that users on different nodes chat live. Prints {"port":N} once listening;
// stops on SIGTERM. Used by tests/integration/chat-nodes.test.ts and bench/chat.
//   DATABASE_URL=... REALTIME_ADAPTER=postgres PORT=0 tsx tests/helpers/realtime-node.ts
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEnv } from '../../src/lib/server/env';
import { createDb } from '../../src/lib/server/db/db';
import { createMeiliClient } from '../../src/lib/server/search/meili-client';
import { createLucia } from '../../src/lib/server/auth/lucia';
import { createMailer } from '../../src/lib/server/mail/mailer';
import { silentBus } from '../../src/lib/server/realtime/bus';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import { log } from '../../src/lib/server/log';
import type { AppDeps } from '../../src/lib/server/deps';

const env = parseEnv({ LOG_LEVEL: 'warn', ...process.env, NODE_ENV: 'test' });
log.level = env.LOG_LEVEL;
const db = createDb(env.DATABASE_URL!, { max: Number(process.env.DB_POOL ?? 10) });
const deps: AppDeps = {
	env,
	db,
	// Chat never searches; the client only connects when used.
	meili: createMeiliClient(
		env.MEILI_URL ?? 'http://127.0.0.1:1',
		env.MEILI_MASTER_KEY ?? 'x'.repeat(16)
	),
	lucia: createLucia(db.pool, { secure: false }),
	mailer: createMailer({ from: 'node@tashbik.test', log }),
	realtime: silentBus,
	log
};

const server = http.createServer((_req, res) => res.writeHead(404).end());
const rt = await attachRealtime(server, deps);
deps.realtime = rt.bus;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');
});

async function stop() {
	server.closeAllConnections();
	await rt.close().catch(() => {});
	server.close();
	await db.end().catch(() => {});
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
