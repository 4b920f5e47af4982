import type { AppDeps } from '$lib/server/deps';
import type { AppServer, AppSocket } from './server';

/**
 * The number of distinct people online, live in the header: the small feature that proves the
 * authenticated socket end to end. Counted across nodes (fetchSockets goes through the adapter),
 * and broadcast at most once a second however many sockets come and go.
 */
const BROADCAST_EVERY_MS = 1000;
const state = new WeakMap<AppServer, { timer: NodeJS.Timeout | null }>();

export async function countOnline(io: AppServer): Promise<number> {
	const sockets = await io.fetchSockets();
	return new Set(sockets.map((s) => s.data.userId)).size;
}

function scheduleBroadcast(io: AppServer, deps: AppDeps) {
	let s = state.get(io);
	if (!s) state.set(io, (s = { timer: null }));
	if (s.timer) return;
	s.timer = setTimeout(async () => {
		s!.timer = null;
		try {
			io.emit('presence:changed', { online: await countOnline(io) });
		} catch (err) {
			deps.log.debug({ err }, 'presence broadcast failed');
		}
	}, BROADCAST_EVERY_MS);
	s.timer.unref();
}

export function registerPresence(io: AppServer, socket: AppSocket, deps: AppDeps) {
	scheduleBroadcast(io, deps);
	socket.on('disconnect', () => scheduleBroadcast(io, deps));
	socket.on('presence:get', async (ack) => {
		if (typeof ack !== 'function') return;
		try {
			ack({ data: { online: await countOnline(io) } });
		} catch {
			ack({ error: { code: 'UNAVAILABLE', message: 'presence unavailable' } });
		}
	});
}
