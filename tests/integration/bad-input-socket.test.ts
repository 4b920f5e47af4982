import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	createTestApp,
	nextEvent,
	type TestApp,
	type TestSocket,
	type TestUser
} from '../helpers/test-app';
import { connectOrgs, makeOrg } from '../helpers/chat-fixtures';
import { badInputFor, hostileValue, knownIds } from '../helpers/bad-input';
import { CLIENT_ERROR_CODES } from '../helpers/procedures';
import { SOCKET_EVENTS, registeredEvents, socketEventNames } from '../helpers/socket-events';
import * as chatSchema from '../../src/lib/server/chat/chat.schema';
import { MAX_SOCKET_PAYLOAD, type AppServer } from '../../src/lib/server/realtime/server';
import type { Ack } from '../../src/lib/realtime/events';

/**
 * Every socket event gets malformed payloads (fast-check). Events with an acknowledgement answer
 * `{ error }` with a client-error code and a message, never INTERNAL; the socket stays connected
 * (unless the payload is over the size limit, which closes that one socket) and the server keeps
 * serving other sockets.
 */
let app: TestApp;
let url: string;
let io: AppServer;
let alice: TestUser;
let conversationId: string;
const RUNS = 12;
const ACK_CODES: readonly string[] = CLIENT_ERROR_CODES;

/** The zod schema each payload event validates against (guides the fuzzer to plausible shapes). */
const schemaOf: Partial<Record<(typeof socketEventNames)[number], unknown>> = {
	'chat:send': chatSchema.sendInput,
	'chat:sync': chatSchema.syncInput,
	'chat:join': chatSchema.conversationRef,
	'chat:leave': chatSchema.conversationRef,
	'chat:typing': chatSchema.conversationRef,
	'chat:presence': chatSchema.conversationRef,
	'chat:read': chatSchema.readInput,
	'chat:edit': chatSchema.editInput,
	'chat:delete': chatSchema.messageRef
};

async function online(u: TestUser) {
	const s = app.connect(url, u);
	await nextEvent(s, 'connect');
	return s;
}

const size = (v: unknown) => {
	try {
		return Buffer.byteLength(JSON.stringify(v) ?? '');
	} catch {
		return 0;
	}
};

/** The acknowledgement, or 'closed' when the server dropped the socket. */
function emitWithAnswer(s: TestSocket, event: string, args: unknown[]) {
	return new Promise<Ack<unknown> | 'closed'>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${event}: no answer`)), 5000);
		const onClose = () => {
			clearTimeout(timer);
			resolve('closed');
		};
		s.once('disconnect', onClose);
		(s.emit as (...a: unknown[]) => void)(event, ...args, (ack: Ack<unknown>) => {
			clearTimeout(timer);
			s.off('disconnect', onClose);
			resolve(ack);
		});
	});
}

/** Sends without waiting for an answer, then proves the same socket still answers a request. */
async function emitThenProbe(s: TestSocket, event: string, payload: unknown) {
	(s.emit as (...a: unknown[]) => void)(event, payload);
	if (!spec(event).payload) (s.emit as (...a: unknown[]) => void)(event, payload, payload);
	return emitWithAnswer(s, 'presence:get', []);
}
const spec = (event: string) => SOCKET_EVENTS[event as keyof typeof SOCKET_EVENTS];

async function stillServes() {
	const s = await online(alice);
	const ack = await s.timeout(5000).emitWithAck('presence:get');
	s.disconnect();
	return ack;
}

beforeAll(async () => {
	app = await createTestApp();
	({ url, io } = await app.startRealtimeServer());
	const bob = await app.user();
	alice = await app.user();
	const orgA = await makeOrg(app.db, [alice]);
	const orgB = await makeOrg(app.db, [bob]);
	await connectOrgs(app.db, orgA, orgB);
	({ conversationId } = await (await app.caller(alice)).chat.openDirect({ organizationId: orgB }));
	knownIds.push(conversationId, orgA, orgB);
});
afterAll(() => app?.close());

describe('malformed socket payloads', () => {
	it('the list of events is the one the server registers', async () => {
		const names = registeredEvents(io);
		await online(alice);
		expect(await names).toEqual(socketEventNames);
	});

	it.each(socketEventNames)(
		'%s never answers INTERNAL and never brings the server down',
		async (event) => {
			const spec = SOCKET_EVENTS[event];
			const schema = schemaOf[event];
			const arb = schema ? badInputFor([schema]) : hostileValue;
			let s = await online(alice);
			await fc.assert(
				fc.asyncProperty(arb, async (payload) => {
					if (!s.connected) s = await online(alice);
					// Requests get (payload, ack); events without one, and the ack-only requests given
					// a payload where the function belongs, cannot answer: the socket must go on serving.
					const answer =
						spec.ack && spec.payload
							? await emitWithAnswer(s, event, [payload])
							: await emitThenProbe(s, event, payload);
					if (answer === 'closed') {
						expect(size(payload), `${event} dropped the socket`).toBeGreaterThan(
							MAX_SOCKET_PAYLOAD / 2
						);
						return;
					}
					const ack = answer as Ack<unknown>;
					if ('error' in ack) {
						expect(ACK_CODES, `${event}: ${ack.error.code} ${ack.error.message}`).toContain(
							ack.error.code
						);
						expect(ack.error.message.length).toBeGreaterThan(0);
					} else expect(ack).toHaveProperty('data');
				}),
				{ numRuns: RUNS }
			);
			expect((await stillServes()).data.online).toBeGreaterThanOrEqual(1);
		}
	);

	it('an oversized payload closes only that socket; others are served', async () => {
		const s = await online(alice);
		const answer = await emitWithAnswer(s, 'chat:send', [
			{ conversationId, clientId: 'big-one-123', body: 'x'.repeat(MAX_SOCKET_PAYLOAD * 2) }
		]);
		expect(answer).toBe('closed');
		expect((await stillServes()).data.online).toBeGreaterThanOrEqual(1);
	});

	it('NUL and lone surrogates in a message are refused as bad input', async () => {
		const s = await online(alice);
		for (const body of ['a\u0000b', 'x\uD800']) {
			const ack = await s.timeout(5000).emitWithAck('chat:send', {
				conversationId,
				clientId: `c-${body.length}-${body.charCodeAt(1)}`,
				body
			});
			expect(ack).toMatchObject({ error: { code: 'BAD_REQUEST' } });
		}
	});
});
