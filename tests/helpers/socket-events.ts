import type { ClientToServerEvents } from '../../src/lib/realtime/events';
import type { AppServer } from '../../src/lib/server/realtime/server';

/**
 * Every client-to-server socket event, checked twice: at compile time against the shared event map
 * (a new event without an entry does not type-check) and at run time against the handlers the
 * server registers on a connected socket (tests compare the two lists).
 * `payload`: the event takes a payload before its acknowledgement; `ack`: it answers.
 */
export const SOCKET_EVENTS = {
	'presence:get': { payload: false, ack: true },
	'chat:send': { payload: true, ack: true },
	'chat:sync': { payload: true, ack: true },
	'chat:join': { payload: true, ack: true },
	'chat:leave': { payload: true, ack: false },
	'chat:typing': { payload: true, ack: false },
	'chat:presence': { payload: true, ack: true },
	'chat:read': { payload: true, ack: true },
	'chat:unread': { payload: false, ack: true },
	'chat:edit': { payload: true, ack: true },
	'chat:delete': { payload: true, ack: true },
	'notification:unread': { payload: false, ack: true }
} satisfies Record<keyof ClientToServerEvents, { payload: boolean; ack: boolean }>;

export type SocketEventName = keyof typeof SOCKET_EVENTS;
export const socketEventNames = Object.keys(SOCKET_EVENTS).sort() as SocketEventName[];

const BUILT_IN = new Set(['disconnect', 'disconnecting', 'error']);

/** The events the server handles on a freshly connected socket (resolves on the next connection). */
export function registeredEvents(io: AppServer): Promise<string[]> {
	return new Promise((resolve) => {
		io.once('connection', (socket) => {
			// Our listener runs after the app's own, which registered every handler synchronously.
			resolve(
				socket
					.eventNames()
					.map(String)
					.filter((n) => !BUILT_IN.has(n))
					.sort()
			);
		});
	});
}
