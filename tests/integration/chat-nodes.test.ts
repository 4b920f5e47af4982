import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nextEvent, type TestApp, type TestUser } from '../helpers/test-app';
import { connectOrgs, makeOrg, newClientId, unwrap } from '../helpers/chat-fixtures';
import { startRealtimeNode, type RealtimeNode } from '../helpers/spawn-node';
import type { ChatMessage } from '../../src/lib/chat/types';

/**
 * Two app processes (real OS processes, tsx) share the database; each user is connected to a
 * different one. With the Postgres adapter (and the Redis one when a Redis answers), a message
 * sent on one node reaches the other at once; typing and presence cross nodes too.
 */
let app: TestApp;
let alice: TestUser, bob: TestUser;
let conversationId: string;
const nodes: RealtimeNode[] = [];

beforeAll(async () => {
	app = await createTestApp();
	[alice, bob] = await Promise.all([
		app.user({ displayName: 'Alice' }),
		app.user({ displayName: 'Bob' })
	]);
	const a = await makeOrg(app.db, [alice]);
	const b = await makeOrg(app.db, [bob]);
	await connectOrgs(app.db, a, b);
	({ conversationId } = await (await app.caller(alice)).chat.openDirect({ organizationId: b }));
});
afterAll(async () => {
	await Promise.all(nodes.map((n) => n.stop()));
	await app?.close();
});

async function redisAnswers() {
	const { createClient } = await import('redis');
	const c = createClient({
		url: 'redis://127.0.0.1:6379',
		socket: { connectTimeout: 1000, reconnectStrategy: false }
	});
	c.on('error', () => {});
	try {
		await c.connect();
		await c.quit();
		return true;
	} catch {
		return false;
	}
}

describe.each(['postgres', 'redis'] as const)(
	'two app processes with the %s adapter',
	(adapter) => {
		it('a user on one node chats live with a user on the other', async (t) => {
			if (adapter === 'redis' && !(await redisAnswers())) t.skip();
			const env = {
				DATABASE_URL: app.env.DATABASE_URL!,
				REALTIME_ADAPTER: adapter,
				REDIS_URL: 'redis://127.0.0.1:6379',
				PORT: '0'
			};
			const [one, two] = await Promise.all([startRealtimeNode(env), startRealtimeNode(env)]);
			nodes.push(one, two);
			expect(one.process.pid).not.toBe(two.process.pid);
			const a = app.connect(one.url, alice);
			const b = app.connect(two.url, bob);
			await Promise.all([nextEvent(a, 'connect'), nextEvent(b, 'connect')]);
			// The adapters need a moment to see each other after start (longer on a loaded machine):
			// wait until presence, which asks every node, finds both users.
			unwrap(await a.emitWithAck('chat:join', { conversationId }));
			unwrap(await b.emitWithAck('chat:join', { conversationId }));
			for (let i = 0; ; i++) {
				const online = unwrap(await a.emitWithAck('chat:presence', { conversationId })).online;
				if (online.length === 2) break;
				if (i > 100) throw new Error('the two nodes never saw each other');
				await new Promise((r) => setTimeout(r, 100));
			}

			// Each socket also hears its own messages (other tabs of the sender): match by id.
			const heard = (s: typeof a, from: string) =>
				new Promise<ChatMessage>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error('not delivered')), 5000);
					s.on('chat:message-created', (m) => {
						if (m.senderUserId !== from) return;
						clearTimeout(timer);
						resolve(m);
					});
				});
			const toBob = heard(b, alice.id);
			const sent = unwrap(
				await a.emitWithAck('chat:send', {
					conversationId,
					clientId: newClientId(),
					body: `via ${adapter}`
				})
			);
			expect(await toBob).toEqual(sent);

			const toAlice = heard(a, bob.id);
			const reply = unwrap(
				await b.emitWithAck('chat:send', { conversationId, clientId: newClientId(), body: 'reply' })
			);
			expect(await toAlice).toEqual(reply);

			// Typing and presence cross nodes as well.
			const typed = nextEvent(a, 'chat:user-typed');
			b.emit('chat:typing', { conversationId });
			expect(await typed).toMatchObject({ userId: bob.id });
			const present = unwrap(await a.emitWithAck('chat:presence', { conversationId }));
			expect(present.online.map((p) => p.userId).sort()).toEqual([alice.id, bob.id].sort());

			await one.stop();
			await two.stop();
		});
	}
);
