import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';

export type AppClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The browser's one socket: opened when signed in, closed on sign-out. */
class Realtime {
	status = $state<'idle' | 'connecting' | 'connected' | 'offline'>('idle');
	online = $state<number | null>(null);
	socket: AppClientSocket | null = null;

	connect(onSessionEnded: () => void): AppClientSocket {
		if (this.socket) return this.socket;
		this.status = 'connecting';
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
		return socket;
	}

	disconnect() {
		this.socket?.removeAllListeners();
		this.socket?.disconnect();
		this.socket = null;
		this.status = 'idle';
		this.online = null;
	}
}

export const realtime = new Realtime();
