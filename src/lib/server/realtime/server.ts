import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AppDeps } from '$lib/server/deps';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '$lib/realtime/events';
import { validateSession } from '$lib/server/auth/auth.service';
import type { RealtimeBus } from './bus';
import { createAdapter } from './adapter';
import { registerPresence } from './presence';
import { registerChat } from '$lib/server/chat/chat.socket';
import { registerNotifications } from '$lib/server/notifications/notifications.socket';

export type AppServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
export type AppSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** Per-socket handlers of each domain; each validates its input and checks membership itself. */
type HandlerRegistrar = (io: AppServer, socket: AppSocket, deps: AppDeps) => void;
const registrars: HandlerRegistrar[] = [registerPresence, registerChat, registerNotifications];

export const MAX_SOCKET_PAYLOAD = 16 * 1024;

/**
 * socket.io on the app's own HTTP server (same origin, same cookie). WebSocket only, so that no
 * sticky sessions are needed behind a load balancer.
 */
export async function attachRealtime(httpServer: HttpServer, deps: AppDeps) {
	const io: AppServer = new Server(httpServer, {
		path: '/socket.io',
		transports: ['websocket'],
		serveClient: false,
		maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
		pingInterval: 20_000,
		pingTimeout: 20_000,
		connectionStateRecovery: undefined,
		allowRequest: (req, callback) =>
			callback(null, originAllowed(req.headers.origin, req.headers.host, deps.env.ORIGIN))
	});
	const adapter = await createAdapter(deps);
	if (adapter) io.adapter(adapter.factory);

	io.use(async (socket, next) => {
		try {
			const sessionId = deps.lucia.readSessionCookie(socket.request.headers.cookie ?? '');
			const result = sessionId ? await validateSession(deps, sessionId) : null;
			if (!result) return next(new Error('unauthorized'));
			socket.data = {
				userId: result.user.id,
				sessionId: result.session.id,
				role: result.user.role,
				locale: result.user.locale
			};
			next();
		} catch (err) {
			deps.log.warn({ err }, 'socket handshake failed');
			next(new Error('unavailable'));
		}
	});

	io.on('connection', (socket) => {
		socket.join([`user:${socket.data.userId}`, `session:${socket.data.sessionId}`]);
		for (const register of registrars) register(io, socket, deps);
	});

	const bus: RealtimeBus = {
		emitToUser: (userId, event, ...args) => io.to(`user:${userId}`).emit(event, ...args),
		emitToUsers: (userIds, event, ...args) =>
			io.to(userIds.map((id) => `user:${id}`)).emit(event, ...args),
		emitToRoom: (room, event, ...args) => io.to(room).emit(event, ...args),
		disconnectSession(sessionId) {
			io.to(`session:${sessionId}`).emit('session:ended', { reason: 'signed-out' });
			io.in(`session:${sessionId}`).disconnectSockets(true);
		},
		disconnectUser(userId, reason) {
			io.to(`user:${userId}`).emit('session:ended', { reason });
			io.in(`user:${userId}`).disconnectSockets(true);
		},
		joinUser: (userId, room) => io.in(`user:${userId}`).socketsJoin(room),
		leaveUser: (userId, room) => io.in(`user:${userId}`).socketsLeave(room),
		status: () => 'up'
	};

	return {
		io,
		bus,
		async close() {
			// Closing the transports, not disconnecting the sockets: a socket.io client told "server
			// disconnect" never reconnects by itself, so every open tab would stay offline after a
			// restart or a rolling deploy; on "transport close" it reconnects (to this node when it
			// is back, or to another behind the proxy) and catches up.
			// Not io.close(): that would also close the HTTP server, which belongs to the caller.
			io.engine.close();
			// The adapter holds a listening connection from its pool until it is closed itself;
			// without this, ending the pool waits forever.
			await io.of('/').adapter.close();
			await adapter?.close();
		}
	};
}

function originAllowed(
	origin: string | undefined,
	host: string | undefined,
	configured: string | undefined
) {
	if (!origin) return true; // not a browser: it has to present the session cookie anyway
	if (configured) return origin === new URL(configured).origin;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}
