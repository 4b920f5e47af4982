// The baseline: a bare socket.io server on the same machine, WebSocket only, that relays each
// message to a room of 10, with no database and no checks. Prints {"port":N} once listening.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
	socket.on('join', (room: string, ack: () => void) => {
		void socket.join(room);
		ack();
	});
	socket.on('echo', (m: { room: string; clientId: string }, ack: (x: unknown) => void) => {
		io.to(m.room).emit('echoed', m);
		ack({ data: m });
	});
});
server.listen(0, '127.0.0.1', () =>
	process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n')
);
process.on('SIGTERM', () => process.exit(0));
