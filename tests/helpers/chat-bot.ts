// A chat client that behaves like the browser's (src/lib/chat): an outbox of messages with client
// ids sent one at a time and retried with the same id when the acknowledgement does not come, a
// timeline that notices gaps, and a catch-up after every (re)connection and every gap. Used by the
// chat chaos bench and the system test that restarts the app under chat load.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { Timeline } from '../../src/lib/chat/timeline';
import type { ChatMessage } from '../../src/lib/chat/types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ChatBotUser {
	cookie: string;
	conversationId: string;
}

export class ChatBot<U extends ChatBotUser = ChatBotUser> {
	socket: Socket;
	timeline = new Timeline([], { fromStart: true });
	outbox: { clientId: string; body: string }[] = [];
	/** Client ids in the order this bot wrote them. */
	generated: string[] = [];
	wireDuplicates = 0;
	wireGaps = 0;
	/** The last failed send (an error code, or 'no answer'), for diagnostics. */
	lastError: string | null = null;
	private flushing = false;
	private syncing: Promise<void> | null = null;

	constructor(
		url: string,
		readonly user: U
	) {
		this.socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: true,
			reconnectionDelay: 200,
			reconnectionDelayMax: 1500,
			extraHeaders: { cookie: user.cookie }
		});
		this.socket.on('connect', () => void this.catchUp().then(() => this.flush()));
		this.socket.on('chat:message-created', (m: ChatMessage) => {
			const r = this.timeline.apply(m);
			if (r === 'duplicate') this.wireDuplicates++;
			if (r === 'gap') {
				this.wireGaps++;
				void this.catchUp();
			}
		});
	}

	catchUp(): Promise<void> {
		this.syncing ??= (async () => {
			try {
				for (;;) {
					if (!this.socket.connected) return;
					const ack = await this.socket
						.timeout(5000)
						.emitWithAck('chat:sync', {
							conversationId: this.user.conversationId,
							afterId: this.timeline.lastContiguousId
						})
						.catch(() => null);
					if (!ack || !('data' in ack)) return;
					this.timeline.merge(ack.data.messages);
					if (!ack.data.more) return;
				}
			} finally {
				this.syncing = null;
			}
		})();
		return this.syncing;
	}

	send(body: string) {
		const clientId = randomUUID();
		this.generated.push(clientId);
		this.outbox.push({ clientId, body });
		void this.flush();
	}

	/** One at a time, in order; a lost answer is retried with the same client id. */
	async flush() {
		if (this.flushing) return;
		this.flushing = true;
		try {
			while (this.outbox.length && this.socket.connected) {
				const next = this.outbox[0];
				const ack = await this.socket
					.timeout(3000)
					.emitWithAck('chat:send', {
						conversationId: this.user.conversationId,
						clientId: next.clientId,
						body: next.body
					})
					.catch(() => null);
				if (ack && 'data' in ack) {
					this.outbox.shift();
					this.timeline.apply(ack.data);
				} else {
					this.lastError = ack?.error?.code ?? 'no answer';
					await sleep(ack?.error?.retryAfter ? ack.error.retryAfter * 1000 : 300);
				}
			}
		} finally {
			this.flushing = false;
		}
	}
}
