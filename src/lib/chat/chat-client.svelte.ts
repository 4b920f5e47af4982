import { invalidateAll } from '$app/navigation';
import type { AppClientSocket } from '$lib/realtime/client.svelte';
import type { ChatMessage } from './types';
import { loadOutbox, saveOutbox, type OutboxEntry } from './outbox';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 3_000;

/**
 * The browser's chat state outside any one page: the unread badge, and the outbox that sends
 * what the user wrote, one message at a time and in order, whenever the socket is connected
 * (after a reconnect, after a reload). Conversation views listen to `stored` to place the
 * acknowledged message.
 */
class ChatClient {
	unread = $state(0);
	outbox = $state<OutboxEntry[]>([]);
	socket: AppClientSocket | null = null;
	userId: string | null = null;
	private flushing = false;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private unreadTimer: ReturnType<typeof setTimeout> | null = null;
	private stored = new Set<(m: ChatMessage) => void>();
	private cleanup: (() => void) | null = null;

	attach(socket: AppClientSocket, userId: string) {
		if (this.socket === socket) return;
		this.detach();
		this.socket = socket;
		this.userId = userId;
		this.outbox = loadOutbox(userId);
		let connectedBefore = socket.connected;
		const onConnect = () => {
			this.refreshUnread();
			void this.flush();
			// Back after a disconnect: what changed meanwhile (a channel closed, a conversation
			// opened) may have been announced while this socket was away; reload the chat pages.
			if (connectedBefore && location.pathname.startsWith('/messages')) void invalidateAll();
			connectedBefore = true;
		};
		const onMessage = (m: ChatMessage) => {
			if (m.senderUserId !== userId) this.refreshUnread();
		};
		const onRead = () => this.refreshUnread();
		// A cluster channel opened or closed for this user: the inbox and an open channel page
		// reload (a closed one then says it no longer exists for them).
		const onAccess = (a: { conversationId: string }) => {
			this.refreshUnread();
			if (
				location.pathname === '/messages' ||
				location.pathname === `/messages/${a.conversationId}`
			)
				void invalidateAll();
		};
		// The browser knows it is offline before the socket's ping does: drop the socket at once
		// (messages then wait in the outbox) and reconnect as soon as the network is back.
		const offline = () => socket.disconnect();
		const online = () => {
			if (!socket.connected) socket.connect();
		};
		socket.on('connect', onConnect);
		socket.on('chat:message-created', onMessage);
		socket.on('chat:read-updated', onRead);
		socket.on('chat:access-changed', onAccess);
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		if (socket.connected) onConnect();
		this.cleanup = () => {
			socket.off('connect', onConnect);
			socket.off('chat:message-created', onMessage);
			socket.off('chat:read-updated', onRead);
			socket.off('chat:access-changed', onAccess);
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
		};
	}

	detach() {
		this.cleanup?.();
		this.cleanup = null;
		this.socket = null;
		this.unread = 0;
		this.outbox = [];
	}

	/** Views get each acknowledged message of theirs (the broadcast may come before or after). */
	onStored(fn: (m: ChatMessage) => void) {
		this.stored.add(fn);
		return () => this.stored.delete(fn);
	}

	refreshUnread() {
		if (this.unreadTimer) return;
		this.unreadTimer = setTimeout(async () => {
			this.unreadTimer = null;
			const ack = await this.socket
				?.timeout(ACK_TIMEOUT_MS)
				.emitWithAck('chat:unread')
				.catch(() => null);
			if (ack && 'data' in ack) this.unread = ack.data.unread;
		}, 150);
	}

	send(conversationId: string, body: string) {
		this.outbox.push({
			clientId: crypto.randomUUID(),
			conversationId,
			body,
			createdAt: new Date().toISOString(),
			status: 'pending'
		});
		this.persist();
		void this.flush();
	}

	retry(clientId: string) {
		const e = this.outbox.find((x) => x.clientId === clientId);
		if (!e) return;
		e.status = 'pending';
		e.error = undefined;
		this.persist();
		void this.flush();
	}

	discard(clientId: string) {
		this.outbox = this.outbox.filter((x) => x.clientId !== clientId);
		this.persist();
	}

	private persist() {
		if (this.userId) saveOutbox(this.userId, $state.snapshot(this.outbox) as OutboxEntry[]);
	}

	private scheduleRetry(ms: number) {
		if (this.retryTimer) return;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			void this.flush();
		}, ms);
	}

	/** Sends the pending messages one by one, in the order written; stops at the first hitch. */
	async flush() {
		if (this.flushing) return;
		this.flushing = true;
		try {
			for (;;) {
				const socket = this.socket;
				const next = this.outbox.find((e) => e.status === 'pending');
				if (!socket?.connected || !next) return;
				let ack;
				let onDrop = () => {};
				try {
					// No answer before the socket drops: try again on the next connect, not after
					// the whole timeout.
					const dropped = new Promise<never>((_, reject) => {
						onDrop = () => reject(new Error('disconnected'));
						socket.once('disconnect', onDrop);
					});
					ack = await Promise.race([
						socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', {
							conversationId: next.conversationId,
							clientId: next.clientId,
							body: next.body
						}),
						dropped
					]);
				} catch {
					// No answer in time: keep it pending; the same client id makes the retry safe.
					this.scheduleRetry(RETRY_MS);
					return;
				} finally {
					socket.off('disconnect', onDrop);
				}
				if ('data' in ack) {
					this.outbox = this.outbox.filter((e) => e.clientId !== next.clientId);
					this.persist();
					for (const fn of this.stored) fn(ack.data);
					continue;
				}
				const { code, message, retryAfter } = ack.error;
				if (code === 'TOO_MANY_REQUESTS' || code === 'SERVICE_UNAVAILABLE' || code === 'INTERNAL') {
					// Still pending, with the reason shown, and sent again when the server allows.
					next.error = message;
					this.scheduleRetry(retryAfter ? retryAfter * 1000 : RETRY_MS);
					return;
				}
				const entry = this.outbox.find((e) => e.clientId === next.clientId);
				if (entry) {
					entry.status = 'failed';
					entry.error = message;
				}
				this.persist();
			}
		} finally {
			this.flushing = false;
		}
	}
}

export const chatClient = new ChatClient();
