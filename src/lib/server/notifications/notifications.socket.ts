import type { AppDeps } from '$lib/server/deps';
import type { AppServer, AppSocket } from '$lib/server/realtime/server';
import { countUnread } from './notifications.service';

/**
 * The header's unread count asks here when its socket (re)connects: notifications created while
 * it was offline are counted from PostgreSQL, not from events it missed.
 */
export function registerNotifications(_io: AppServer, socket: AppSocket, deps: AppDeps) {
	socket.on('notification:unread', async (ack) => {
		if (typeof ack !== 'function') return;
		try {
			ack({ data: { unread: await countUnread(deps.db, socket.data.userId) } });
		} catch {
			ack({ error: { code: 'UNAVAILABLE', message: 'unavailable' } });
		}
	});
}
