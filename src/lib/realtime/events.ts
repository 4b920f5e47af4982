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
	'presence:changed': (state: PresenceState) => void;
	/** Sent to every socket of a session that was just signed out elsewhere or ended by staff. */
	'session:ended': (info: { reason: 'signed-out' | 'suspended' | 'password-changed' }) => void;
}

export interface ClientToServerEvents {
	'presence:get': (ack: AckFn<PresenceState>) => void;
}

export interface SocketData {
	userId: string;
	sessionId: string;
	role: 'member' | 'staff' | 'admin';
	locale: 'ar' | 'fr' | 'en';
}
