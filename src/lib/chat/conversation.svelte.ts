import type { AppClientSocket } from '$lib/realtime/client.svelte';
import { chatClient } from './chat-client.svelte';
import { Timeline } from './timeline';
import type { ChatMessage, MessagePage, OnlineMember } from './types';

const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;

/**
 * One open conversation in the browser: the messages (live, caught up after every reconnect and
 * every detected gap), who is typing, who is online, and the read marker.
 */
export class ConversationState {
	messages = $state<ChatMessage[]>([]);
	hasOlder = $state(false);
	loadingOlder = $state(false);
	online = $state<OnlineMember[]>([]);
	typing = $state<{ userId: string; name: string; until: number }[]>([]);
	private timeline: Timeline;
	private socket: AppClientSocket | null = null;
	private off: (() => void)[] = [];
	private lastTypingSent = 0;
	private lastMarked = 0;
	private syncing: Promise<void> | null = null;

	constructor(
		readonly id: string,
		readonly userId: string,
		initial: MessagePage,
		private loadPage: (beforeId: number) => Promise<MessagePage>
	) {
		this.timeline = new Timeline(initial.messages, { fromStart: !initial.more });
		this.hasOlder = initial.more;
		this.refresh();
	}

	/** Pending and failed messages of this conversation, from the shared outbox. */
	get outgoing() {
		return chatClient.outbox.filter((e) => e.conversationId === this.id);
	}

	start(socket: AppClientSocket) {
		if (this.socket === socket) return;
		this.stop();
		this.socket = socket;
		const onConnect = () => void this.resume();
		const onCreated = (msg: ChatMessage) => this.receive(msg);
		const onUpdated = (msg: ChatMessage) => {
			if (msg.conversationId === this.id && this.timeline.has(msg.id)) this.receive(msg);
		};
		const onTyped = (t: { conversationId: string; userId: string; name: string }) => {
			if (t.conversationId !== this.id || t.userId === this.userId) return;
			this.typing = [
				...this.typing.filter((x) => x.userId !== t.userId),
				{ userId: t.userId, name: t.name, until: Date.now() + TYPING_SHOWN_MS }
			];
			setTimeout(
				() => (this.typing = this.typing.filter((x) => x.until > Date.now())),
				TYPING_SHOWN_MS + 50
			);
		};
		const onPresence = () => void this.refreshPresence();
		socket.on('connect', onConnect);
		socket.on('chat:message-created', onCreated);
		socket.on('chat:message-updated', onUpdated);
		socket.on('chat:user-typed', onTyped);
		socket.on('chat:presence-changed', onPresence);
		this.off.push(
			() => socket.off('connect', onConnect),
			() => socket.off('chat:message-created', onCreated),
			() => socket.off('chat:message-updated', onUpdated),
			() => socket.off('chat:user-typed', onTyped),
			() => socket.off('chat:presence-changed', onPresence),
			chatClient.onStored((m) => this.receive(m))
		);
		if (socket.connected) void this.resume();
	}

	stop() {
		for (const f of this.off.splice(0)) f();
		if (this.socket?.connected) this.socket.emit('chat:leave', { conversationId: this.id });
		this.socket = null;
	}

	/** After (re)connecting: join, catch up on everything after the last id held, mark read. */
	private async resume() {
		const socket = this.socket;
		if (!socket) return;
		const joined = await socket
			.emitWithAck('chat:join', { conversationId: this.id })
			.catch(() => null);
		if (joined && 'data' in joined) this.online = joined.data.online;
		await this.catchUp();
	}

	private catchUp(): Promise<void> {
		// One catch-up at a time; a gap seen meanwhile is covered by the running one's loop.
		this.syncing ??= (async () => {
			try {
				for (let round = 0; round < 50; round++) {
					const socket = this.socket;
					if (!socket?.connected) return;
					const ack = await socket.emitWithAck('chat:sync', {
						conversationId: this.id,
						afterId: this.timeline.lastContiguousId
					});
					if (!('data' in ack)) return;
					this.timeline.merge(ack.data.messages);
					this.refresh();
					if (!ack.data.more) return;
				}
			} finally {
				this.syncing = null;
				this.markRead();
			}
		})();
		return this.syncing;
	}

	private receive(m: ChatMessage) {
		if (m.conversationId !== this.id) return;
		const result = this.timeline.apply(m);
		if (result === 'duplicate') return;
		this.refresh();
		if (result === 'gap') void this.catchUp();
		else this.markRead();
	}

	private refresh() {
		this.messages = [...this.timeline.messages];
	}

	/** Tells the server (and the header badge) that everything shown has been read. */
	markRead() {
		const last = this.messages[this.messages.length - 1];
		if (!last || last.id <= this.lastMarked || !this.socket?.connected) return;
		if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
		this.lastMarked = last.id;
		this.socket.emit('chat:read', { conversationId: this.id, messageId: last.id }, () => {});
	}

	async loadOlder() {
		const oldest = this.timeline.oldestId;
		if (!this.hasOlder || this.loadingOlder || oldest === null) return;
		this.loadingOlder = true;
		try {
			const page = await this.loadPage(oldest);
			this.timeline.merge(page.messages);
			this.hasOlder = page.more;
			this.refresh();
		} finally {
			this.loadingOlder = false;
		}
	}

	private async refreshPresence() {
		const ack = await this.socket
			?.emitWithAck('chat:presence', { conversationId: this.id })
			.catch(() => null);
		if (ack && 'data' in ack) this.online = ack.data.online;
	}

	send(body: string) {
		chatClient.send(this.id, body);
	}

	typed() {
		const now = Date.now();
		if (now - this.lastTypingSent < TYPING_SENT_EVERY_MS || !this.socket?.connected) return;
		this.lastTypingSent = now;
		this.socket.emit('chat:typing', { conversationId: this.id });
	}

	async edit(messageId: number, body: string) {
		const ack = await this.socket?.emitWithAck('chat:edit', { messageId, body });
		if (!ack) return null;
		if ('data' in ack) this.receive(ack.data);
		return 'error' in ack ? ack.error.message : null;
	}

	async remove(messageId: number) {
		const ack = await this.socket?.emitWithAck('chat:delete', { messageId });
		if (ack && 'data' in ack) this.receive(ack.data);
		return ack && 'error' in ack ? ack.error.message : null;
	}
}
