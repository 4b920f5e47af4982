import { untrack } from 'svelte';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';

export type AppClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The browser's one socket: opened when signed in, closed on sign-out. The socket.io client is
 * loaded only then (a visitor's pages do not download or parse it).
 */
class Realtime {
	status = $state<'idle' | 'connecting' | 'connected' | 'offline'>('idle');
	online = $state<number | null>(null);
	socket = $state.raw<AppClientSocket | null>(null);
	/** Bumped by disconnect(), so a connect() still loading its client gives up. */
	#generation = 0;
	#loading = false;

	connect(onSessionEnded: () => void) {
		if (untrack(() => this.socket) || this.#loading) return;
		this.#loading = true;
		this.status = 'connecting';
		const generation = this.#generation;
		import('socket.io-client')
			.then(({ io }) => {
				this.#loading = false;
				if (generation !== this.#generation) return;
				this.#open(io, onSessionEnded);
			})
			.catch(() => {
				this.#loading = false;
				if (generation === this.#generation) this.status = 'offline';
			});
	}

	#open(io: typeof import('socket.io-client').io, onSessionEnded: () => void) {
		// WebSocket only: no long-polling, so no sticky sessions are needed between app nodes.
		const socket: AppClientSocket = io({ transports: ['websocket'], withCredentials: true });
		this.socket = socket;
		socket.on('connect', () => {
			this.status = 'connected';
			socket.emit('presence:get', (ack) => {
				if ('data' in ack) this.online = ack.data.online;
			});
		});
		socket.on('disconnect', () => (this.status = 'offline'));
		socket.on('connect_error', (err) => {
			this.status = 'offline';
			// Refused at the handshake: the session is gone; retrying will not help.
			if (err.message === 'unauthorized') onSessionEnded();
		});
		socket.on('presence:changed', (state) => (this.online = state.online));
		socket.on('session:ended', () => onSessionEnded());
	}

	disconnect() {
		this.#generation++;
		this.#loading = false;
		this.socket?.removeAllListeners();
		this.socket?.disconnect();
		this.socket = null;
		this.status = 'idle';
		this.online = null;
	}
}

export const realtime = new Realtime();
