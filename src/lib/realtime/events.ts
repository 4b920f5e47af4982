/**
 * The socket.io event map, shared by the server and the browser. Requests are acknowledged with
 * `Ack<T>`; broadcasts are named in the past tense.
 */
import type { ChatMessage, MessagePage, OnlineMember } from '$lib/chat/types';

export type AckError = {
	code: string;
	message: string;
	fieldErrors?: Record<string, string[]>;
	/** Seconds before a throttled request may be retried. */
	retryAfter?: number;
};
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
	// Chat: to every socket of every participant, after the message is committed.
	'chat:message-created': (m: ChatMessage) => void;
	/** Edited, deleted by its sender, or hidden by a moderator. */
	'chat:message-updated': (m: ChatMessage) => void;
	/** To the sockets viewing the conversation (joined), never to the typist. */
	'chat:user-typed': (t: { conversationId: string; userId: string; name: string }) => void;
	/** A participant's first socket connected or last one left. */
	'chat:presence-changed': (p: { userId: string; online: boolean }) => void;
	/** The user read up to here (in this tab or another). */
	'chat:read-updated': (r: { conversationId: string; lastReadMessageId: number }) => void;
	/** A cluster channel was opened to, or closed for, this user (joined, left or removed). */
	'chat:access-changed': (a: { conversationId: string; access: boolean }) => void;
}

export interface ClientToServerEvents {
	'presence:get': (ack: AckFn<PresenceState>) => void;
	'chat:send': (
		m: { conversationId: string; clientId: string; body: string },
		ack: AckFn<ChatMessage>
	) => void;
	/** Catch-up: everything after the last id the client holds, in order. */
	'chat:sync': (
		q: { conversationId: string; afterId: number; limit?: number },
		ack: AckFn<MessagePage>
	) => void;
	/** Start viewing: typing indicators and who is online. */
	'chat:join': (q: { conversationId: string }, ack: AckFn<{ online: OnlineMember[] }>) => void;
	'chat:leave': (q: { conversationId: string }) => void;
	'chat:typing': (q: { conversationId: string }) => void;
	'chat:presence': (q: { conversationId: string }, ack: AckFn<{ online: OnlineMember[] }>) => void;
	'chat:read': (
		q: { conversationId: string; messageId: number },
		ack: AckFn<{ lastReadMessageId: number; unread: number }>
	) => void;
	'chat:unread': (ack: AckFn<{ unread: number }>) => void;
	'chat:edit': (q: { messageId: number; body: string }, ack: AckFn<ChatMessage>) => void;
	'chat:delete': (q: { messageId: number }, ack: AckFn<ChatMessage>) => void;
	'notification:unread': (ack: AckFn<{ unread: number }>) => void;
}

export interface SocketData {
	userId: string;
	sessionId: string;
	role: 'member' | 'staff' | 'admin';
	locale: 'ar' | 'fr' | 'en';
}
