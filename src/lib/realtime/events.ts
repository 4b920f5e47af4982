/**
 * The socket.io event map, shared by the server and the browser. Requests are acknowledged with
 * `Ack<T>`; broadcasts are named in the past tense.
 */
export type AckError = { code: string; message: string; fieldErrors?: Record<string, string[]> };
export type Ack<T> = { data: T } | { error: AckError };
export type AckFn<T> = (ack: Ack<T>) => void;

export interface PresenceState {
	/** Distinct signed-in people connected right now. */
	online: number;
}

export interface NotificationEvent {
	id: number;
	kind: string;
	payload: Record<string, unknown>;
	createdAt: string;
}

export interface ServerToClientEvents {
	'notification:created': (n: NotificationEvent) => void;
	/** Some of the user's notifications were marked read (in any tab): the new unread count. */
	'notification:read': (state: { ids: number[]; unread: number }) => void;
	'presence:changed': (state: PresenceState) => void;
	/** Sent to every socket of a session that was just signed out elsewhere or ended by staff. */
	'session:ended': (info: { reason: 'signed-out' | 'suspended' | 'password-changed' }) => void;
}

export interface ClientToServerEvents {
	'presence:get': (ack: AckFn<PresenceState>) => void;
	'notification:unread': (ack: AckFn<{ unread: number }>) => void;
}

export interface SocketData {
	userId: string;
	sessionId: string;
	role: 'member' | 'staff' | 'admin';
	locale: 'ar' | 'fr' | 'en';
}
