import type { ServerToClientEvents } from '$lib/realtime/events';

/**
 * What domain services may do to connected clients. Implemented over socket.io once it is
 * attached to the HTTP server; until then (scripts, tests without sockets) it does nothing.
 * With several app nodes, the socket.io adapter carries each call to every node.
 */
export interface RealtimeBus {
	emitToUser<E extends keyof ServerToClientEvents>(
		userId: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): void;
	/** One broadcast to the sockets of several users (one adapter message, not one per user). */
	emitToUsers<E extends keyof ServerToClientEvents>(
		userIds: string[],
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): void;
	emitToRoom<E extends keyof ServerToClientEvents>(
		room: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): void;
	/** Drops the sockets opened with this session (sign-out). */
	disconnectSession(sessionId: string): void;
	/** Drops every socket of this user (suspension, password change). */
	disconnectUser(userId: string, reason: 'suspended' | 'password-changed'): void;
	/** Makes every socket of `userId` join or leave a room (membership changes). */
	joinUser(userId: string, room: string): void;
	leaveUser(userId: string, room: string): void;
	/** Is realtime attached and serving? For /healthz. */
	status(): 'up' | 'down' | 'not-attached';
}

export const silentBus: RealtimeBus = {
	emitToUser() {},
	emitToUsers() {},
	emitToRoom() {},
	disconnectSession() {},
	disconnectUser() {},
	joinUser() {},
	leaveUser() {},
	status: () => 'not-attached'
};
