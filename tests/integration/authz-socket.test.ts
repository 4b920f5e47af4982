import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, nextEvent, type TestApp, type TestSocket } from '../helpers/test-app';
import { buildAuthzWorld, type AuthzWorld } from '../helpers/authz-world';
import { SOCKET_EVENTS, registeredEvents, socketEventNames } from '../helpers/socket-events';
import type { AppServer } from '../../src/lib/server/realtime/server';
import type { Ack } from '../../src/lib/realtime/events';

/**
 * The authorization matrix of the socket events. A visitor cannot open a socket at all; every
 * request event is sent as a member of another organization (Bob), as a participant (Alice) and as
 * staff, aimed at Alice's conversation; the expected answer is checked, and nothing Bob's socket
 * receives, ever, carries the conversation's private text.
 */
type Actor = 'outsider' | 'member' | 'staff';
type Expect = 'OK' | 'DENY';
interface Entry {
	payload: (w: AuthzWorld) => unknown | Promise<unknown>;
	expect: Record<Actor, Expect>;
}
const participants = { outsider: 'DENY', member: 'OK', staff: 'DENY' } as const;
const anyone = { outsider: 'OK', member: 'OK', staff: 'OK' } as const;

let app: TestApp;
let url: string;
let io: AppServer;
let w: AuthzWorld;
const sockets: Partial<Record<Actor | 'dave', TestSocket>> = {};
/** Everything Bob's socket received. */
const bobSaw: unknown[] = [];
const pace = () => new Promise((r) => setTimeout(r, 300));

async function freshMessage() {
	await pace();
	const m = await (
		await app.caller(w.users.alice)
	).chat.send({ conversationId: w.conversationId, clientId: randomUUID(), body: 'to delete' });
	return m.id;
}

/** Request events only; chat:leave and chat:typing have no answer and are tested below. */
const MATRIX: Partial<Record<(typeof socketEventNames)[number], Entry>> = {
	'presence:get': { payload: () => undefined, expect: anyone },
	'chat:unread': { payload: () => undefined, expect: anyone },
	'notification:unread': { payload: () => undefined, expect: anyone },
	'chat:send': {
		payload: async (w) => (
			await pace(),
			{ conversationId: w.conversationId, clientId: randomUUID(), body: 'salam' }
		),
		expect: participants
	},
	'chat:sync': {
		payload: (w) => ({ conversationId: w.conversationId, afterId: 0 }),
		expect: participants
	},
	'chat:join': { payload: (w) => ({ conversationId: w.conversationId }), expect: participants },
	'chat:presence': { payload: (w) => ({ conversationId: w.conversationId }), expect: participants },
	'chat:read': {
		payload: (w) => ({ conversationId: w.conversationId, messageId: w.message.id }),
		expect: participants
	},
	'chat:edit': {
		payload: (w) => ({ messageId: w.message.id, body: `chat ${w.secret}` }),
		expect: participants
	},
	'chat:delete': {
		payload: async () => ({ messageId: await freshMessage() }),
		expect: participants
	}
};

beforeAll(async () => {
	app = await createTestApp();
	({ url, io } = await app.startRealtimeServer());
	w = await buildAuthzWorld(app);
	const users = {
		outsider: w.users.bob,
		member: w.users.alice,
		staff: w.users.staff,
		dave: w.users.dave
	};
	for (const [name, user] of Object.entries(users)) {
		const s = app.connect(url, user);
		await nextEvent(s, 'connect');
		sockets[name as Actor] = s;
	}
	sockets.outsider!.onAny((_event, ...args) => bobSaw.push(args));
});
afterAll(() => app?.close());

function request(s: TestSocket, event: string, payload: unknown, withPayload: boolean) {
	const args = withPayload ? [payload] : [];
	return (s.timeout(5000).emitWithAck as (...a: unknown[]) => Promise<Ack<unknown>>)(
		event,
		...args
	);
}

describe('the socket authorization matrix', () => {
	it('a visitor (no session cookie) cannot connect', async () => {
		const s = app.connect(url, null);
		const err = await nextEvent<Error>(s, 'connect_error');
		expect(err.message).toBe('unauthorized');
	});

	it('covers every request event the server registers', async () => {
		const names = registeredEvents(io);
		await nextEvent(app.connect(url, w.users.alice), 'connect');
		const requests = (await names).filter(
			(n) => SOCKET_EVENTS[n as keyof typeof SOCKET_EVENTS]?.ack
		);
		expect(Object.keys(MATRIX).sort()).toEqual(requests);
		expect(await names).toEqual(socketEventNames);
	});

	it.each(Object.keys(MATRIX).sort())('%s', async (event) => {
		const entry = MATRIX[event as keyof typeof MATRIX]!;
		const withPayload = SOCKET_EVENTS[event as keyof typeof SOCKET_EVENTS].payload;
		for (const actor of ['outsider', 'member', 'staff'] as Actor[]) {
			const ack = await request(sockets[actor]!, event, await entry.payload(w), withPayload);
			const got = 'error' in ack ? ack.error.code : 'OK';
			if (entry.expect[actor] === 'OK') expect(got, `${event} as ${actor}`).toBe('OK');
			else expect(['FORBIDDEN', 'NOT_FOUND'], `${event} as ${actor}`).toContain(got);
			if (actor === 'outsider') expect(JSON.stringify(ack)).not.toContain(w.secret);
		}
	});

	it('typing in a conversation one has not joined as a participant reaches nobody', async () => {
		const dave = sockets.dave!;
		await request(dave, 'chat:join', { conversationId: w.conversationId }, true);
		const typed: { userId: string }[] = [];
		dave.on('chat:user-typed', (t) => typed.push(t));
		// Bob tries to join (refused), then types; Alice, who joined, types after him.
		await request(sockets.outsider!, 'chat:join', { conversationId: w.conversationId }, true);
		sockets.outsider!.emit('chat:typing', { conversationId: w.conversationId });
		sockets.outsider!.emit('chat:leave', { conversationId: w.conversationId });
		await request(sockets.member!, 'chat:join', { conversationId: w.conversationId }, true);
		sockets.member!.emit('chat:typing', { conversationId: w.conversationId });
		const end = Date.now() + 5000;
		while (!typed.some((t) => t.userId === w.users.alice.id) && Date.now() < end)
			await new Promise((r) => setTimeout(r, 20));
		expect(typed.map((t) => t.userId)).toEqual([w.users.alice.id]);
	});

	it("nothing Bob's socket received carries the conversation's private text", async () => {
		await pace();
		await request(
			sockets.member!,
			'chat:send',
			{ conversationId: w.conversationId, clientId: randomUUID(), body: `later ${w.secret}` },
			true
		);
		await request(sockets.outsider!, 'presence:get', undefined, false);
		expect(bobSaw.length).toBeGreaterThan(0);
		expect(JSON.stringify(bobSaw)).not.toContain(w.secret);
	});
});
