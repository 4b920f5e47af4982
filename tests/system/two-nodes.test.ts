import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { seedBench, type BenchUser } from '../../bench/chat/seed';
import type { ChatMessage } from '../../src/lib/chat/types';
import type { NotificationEvent } from '../../src/lib/realtime/events';
import {
	SESSION_COOKIE,
	eventually,
	makeOwners,
	startApp,
	startServices,
	trpc,
	type AppNode,
	type Services
} from '../helpers/system';

/**
 * Item 8: two built app nodes share one PostgreSQL and one Meilisearch (as behind a reverse
 * proxy, docs/deploy.md). A user on node A chats live with a user on node B, a connection request
 * made on A reaches the other organization's socket on B with the right unread count, and an
 * organization edited on A is found by search on B. Runs with REALTIME_ADAPTER=postgres, and with
 * redis too when REDIS_URL answers.
 */
async function reachable(url: string | undefined) {
	if (!url) return false;
	const { hostname, port } = new URL(url);
	return new Promise<boolean>((resolve) => {
		const s = net.connect({ host: hostname, port: Number(port || 6379) });
		s.setTimeout(1000);
		s.once('connect', () => (s.destroy(), resolve(true)));
		s.once('error', () => resolve(false));
		s.once('timeout', () => (s.destroy(), resolve(false)));
	});
}
const REDIS_URL = process.env.REDIS_URL;
const redisUp = await reachable(REDIS_URL);
if (!redisUp)
	process.stdout.write(
		`\ntwo-nodes: the redis variant is skipped (${REDIS_URL ? `REDIS_URL ${REDIS_URL} does not answer` : 'REDIS_URL is not set'})\n`
	);

let services: Services;
beforeAll(async () => {
	// An empty database: the first two nodes migrate it themselves, starting at the same moment.
	services = await startServices('tashbik-nodes-', { migrate: false });
}, 120_000);
afterAll(() => services?.close(), 60_000);

function connect(node: AppNode, cookie: string): Promise<Socket> {
	const socket = ioClient(node.url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: { cookie, origin: node.url }
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

/** Collects every `chat:message-created` the socket receives. */
function inbox(socket: Socket) {
	const got: ChatMessage[] = [];
	socket.on('chat:message-created', (m: ChatMessage) => got.push(m));
	return got;
}

describe.each([
	{ adapter: 'postgres', run: true },
	{ adapter: 'redis', run: redisUp }
])('two app nodes with REALTIME_ADAPTER=$adapter', ({ adapter, run }) => {
	const nodes: AppNode[] = [];
	const sockets: Socket[] = [];
	let a: AppNode;
	let b: AppNode;
	let chatters: BenchUser[];
	let owners: Awaited<ReturnType<typeof makeOwners>>;

	beforeAll(async () => {
		if (!run) return;
		const env: Record<string, string> = { REALTIME_ADAPTER: adapter };
		if (adapter === 'redis') env.REDIS_URL = REDIS_URL!;
		// Both nodes start together: they migrate (the first pair: an empty database) and start
		// their outbox workers and realtime adapters at the same moment.
		[a, b] = await Promise.all([startApp(services, { env }), startApp(services, { env })]);
		nodes.push(a, b);
		// Two connected organizations of one member each, with their direct conversation.
		chatters = await seedBench(services.db, 2, 2, SESSION_COOKIE);
		owners = await makeOwners(services.db, 3, `nodes-${adapter}`);
	}, 120_000);

	afterAll(async () => {
		for (const s of sockets) s.disconnect();
		await Promise.all(nodes.map((n) => n.stop()));
	}, 60_000);

	it.runIf(run)(
		'a user on node A chats live with a user on node B, both ways, in order',
		async () => {
			const [onA, onB] = await Promise.all([
				connect(a, chatters[0].cookie),
				connect(b, chatters[1].cookie)
			]);
			sockets.push(onA, onB);
			const receivedOnA = inbox(onA);
			const receivedOnB = inbox(onB);
			const conversationId = chatters[0].conversationId;
			const send = async (socket: Socket, body: string) => {
				const ack = await socket
					.timeout(10_000)
					.emitWithAck('chat:send', { conversationId, clientId: crypto.randomUUID(), body });
				expect(ack).toHaveProperty('data');
			};
			const fromA = ['A1 salam', 'A2 couscous', 'A3 argan', 'A4 miel', 'A5 dattes'];
			const fromB = ['B1 marhba', 'B2 safran', 'B3 figues', 'B4 olives', 'B5 amandes'];
			for (let i = 0; i < fromA.length; i++) {
				await send(onA, fromA[i]);
				await send(onB, fromB[i]);
			}
			const all = fromA.flatMap((x, i) => [x, fromB[i]]);
			await eventually('B received A’s messages', async () =>
				receivedOnB.length >= all.length ? true : undefined
			);
			await eventually('A received B’s messages', async () =>
				receivedOnA.length >= all.length ? true : undefined
			);
			// Each side receives every message once (its own too, on its other tabs' behalf), in order.
			expect(receivedOnB.map((m) => m.body)).toEqual(all);
			expect(receivedOnA.map((m) => m.body)).toEqual(all);
			expect(receivedOnB.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
		}
	);

	it.runIf(run)(
		'a connection request made on node A notifies the other organization live on node B',
		async () => {
			const [from, to] = owners;
			const onB = await connect(b, to.cookie);
			sockets.push(onB);
			const notified = new Promise<NotificationEvent>((resolve) =>
				onB.once('notification:created', resolve)
			);
			const before = await trpc(b, 'notifications.unreadCount', undefined, {
				cookie: to.cookie
			});
			expect(before.body.result?.data).toBe(0);
			const res = await trpc(
				a,
				'connections.request',
				{ fromOrgId: from.orgId, toOrgId: to.orgId, message: 'Travaillons ensemble' },
				{ cookie: from.cookie, mutation: true }
			);
			expect(res.status).toBe(200);
			const n = await notified;
			expect(n.kind).toMatch(/connection/);
			const after = await trpc(b, 'notifications.unreadCount', undefined, { cookie: to.cookie });
			expect(after.body.result?.data).toBe(1);
			const ack = await onB.timeout(5000).emitWithAck('notification:unread');
			expect(ack).toEqual({ data: { unread: 1 } });
		}
	);

	it.runIf(run)('an organization edited on node A is found by search on node B', async () => {
		const editor = owners[2];
		const name = `Coopérative Zaytoun ${adapter} nodes`;
		const res = await trpc(
			a,
			'organizations.update',
			{
				id: editor.orgId,
				kind: 'cooperative',
				name: { ar: null, fr: name, en: null },
				description: { ar: null, fr: 'Huile d’olive de Taourirt', en: null },
				sectors: ['agrifood'],
				province: 'taourirt',
				town: 'taourirt'
			},
			{ cookie: editor.cookie, mutation: true }
		);
		expect(res.status).toBe(200);
		const found = await eventually(
			'found by search on node B',
			async () => {
				const r = await trpc(b, 'search.organizations', { q: `zaytoun ${adapter}` });
				const data = r.body.result?.data as
					{ degraded: boolean; hits: { id: string; name?: string }[] } | undefined;
				return data && !data.degraded && data.hits.some((h) => h.id === editor.orgId)
					? data
					: undefined;
			},
			60_000
		);
		expect(found.degraded).toBe(false);
	});
});
