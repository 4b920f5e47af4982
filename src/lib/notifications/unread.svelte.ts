import { realtime } from '$lib/realtime/client.svelte';

/**
 * The signed-in user's unread notification count, shared by the header and the notifications
 * page. It starts from the server-rendered value, then follows socket events: +1 on a new
 * notification, the server's count when any tab marks some read, and a fresh count from
 * PostgreSQL whenever the socket (re)connects (events missed while offline are not replayed).
 */
class UnreadNotifications {
	count = $state(0);
	/** Bumped on every change that came live, so pages can refresh their lists. */
	version = $state(0);

	/** Follows the current socket; returns the cleanup for an $effect. */
	follow(): (() => void) | void {
		const socket = realtime.socket;
		if (realtime.status !== 'connected' || !socket) return;
		socket.emit('notification:unread', (ack) => {
			if ('data' in ack) this.count = ack.data.unread;
		});
		const created = () => {
			this.count += 1;
			this.version += 1;
		};
		const read = (state: { unread: number }) => {
			this.count = state.unread;
			this.version += 1;
		};
		socket.on('notification:created', created);
		socket.on('notification:read', read);
		return () => {
			socket.off('notification:created', created);
			socket.off('notification:read', read);
		};
	}
}

export const unreadNotifications = new UnreadNotifications();
