import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatBot } from '../helpers/chat-bot';
import { seedBench, type BenchUser } from '../../bench/chat/seed';
import { findFreePort } from '../../src/lib/server/services/processes';
import {
	SESSION_COOKIE,
	eventually,
	sleep,
	startApp,
	startServices,
	type AppNode,
	type Services
} from '../helpers/system';

/**
 * Item 4b: members chat without pause while the app process is restarted, once with SIGTERM
 * (graceful) and once with SIGKILL (crash), on the same port. The clients behave like the browser
 * (client ids, retry when the acknowledgement does not come, catch-up after reconnecting). Every
 * message written is stored exactly once, and every member ends up holding all of them, in order.
 */
let services: Services;
let app: AppNode;
let port: number;
let users: BenchUser[];
let bots: ChatBot<BenchUser>[] = [];

beforeAll(async () => {
	services = await startServices('tashbik-chatfault-');
	// Two conversations of four members (two organizations of two).
	users = await seedBench(services.db, 8, 4, SESSION_COOKIE);
	port = await findFreePort();
	app = await startApp(services, { port });
}, 120_000);

afterAll(async () => {
	for (const b of bots) b.socket.disconnect();
	await app?.stop();
	await services?.close();
}, 60_000);

describe('the app restarted under chat load', () => {
	it('stores every message once and delivers all of them in order to every member', async () => {
		bots = users.map((u) => new ChatBot(app.url, u));
		await eventually('all connected', async () =>
			bots.every((b) => b.socket.connected) ? true : undefined
		);

		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				bots[written % bots.length].send(`message ${written}`);
				written++;
				await sleep(40);
			}
		})();
		const restarts: string[] = [];
		for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
			await sleep(1500);
			const before = written;
			const code = await app.stop(signal);
			restarts.push(`${signal} (exit ${code}) after ${before} messages`);
			// Clients keep writing into their outboxes while the app is away.
			await sleep(500);
			app = await startApp(services, { port });
		}
		await sleep(1500);
		writing = false;
		await writer;

		// Quiet: every outbox drained, every socket back, every timeline caught up.
		await eventually(
			'outboxes drained',
			async () => {
				for (const b of bots) if (b.socket.connected && b.outbox.length) void b.flush();
				return bots.every((b) => b.socket.connected && !b.outbox.length) ? true : undefined;
			},
			60_000
		).catch((err) => {
			const state = bots.map(
				(b) => `connected=${b.socket.connected} outbox=${b.outbox.length} last=${b.lastError}`
			);
			throw new Error(`${(err as Error).message}\n${state.join('\n')}\n${app.output()}`);
		});
		await Promise.all(bots.map((b) => b.catchUp()));

		const { rows } = await services.db.query<{
			id: number;
			seq: number;
			client_id: string;
			conversation_id: string;
		}>(
			'SELECT id, seq, client_id, conversation_id FROM messages WHERE conversation_id = ANY($1) ORDER BY id',
			[[...new Set(users.map((u) => u.conversationId))]]
		);
		const generated = bots.flatMap((b) => b.generated);
		expect(generated.length).toBe(written);
		// Exactly once: every written message stored, none twice, nothing else.
		expect(rows.map((r) => r.client_id).sort()).toEqual([...generated].sort());

		const seqOf = new Map(rows.map((r) => [r.client_id, r.seq]));
		for (const b of bots) {
			const stored = rows.filter((r) => r.conversation_id === b.user.conversationId);
			// Every member holds every message of its conversation, in order, each once.
			expect(b.timeline.messages.map((m) => m.id)).toEqual(stored.map((r) => r.id));
			expect(b.timeline.messages.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
			// Each sender's messages keep the order in which they were written.
			const mine = b.generated.map((c) => seqOf.get(c)!);
			expect(mine).toEqual([...mine].sort((x, y) => x - y));
		}
		process.stdout.write(
			`\nchat restart: ${written} messages, ${restarts.join(', ')}; ${bots.reduce((n, b) => n + b.wireGaps, 0)} gaps caught up\n`
		);
	});
});
