// The clients of the chat bench, in their own process: 1,000 socket.io clients (WebSocket only).
//   latency: 50 messages a second to rooms of 10 for a while; send-to-receipt latency, measured
//            against the chat server (commit to PostgreSQL, then broadcast) or the bare echo server.
//   chaos:   10,000 messages while sockets drop at random (and the server restarts, driven by the
//            orchestrator); each client behaves like the browser (outbox with client ids, catch-up
//            after every reconnect and every gap); then lost / duplicated / out-of-order are counted
//            against the database.
// Reads its configuration as JSON on stdin; writes JSON lines on stdout.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import pg from 'pg';
import { ChatBot } from '../../tests/helpers/chat-bot';
import type { BenchUser } from './seed';
import { summarize } from './stats';

interface Config {
	mode: 'chat' | 'echo' | 'chaos';
	url: string;
	users: BenchUser[];
	rate: number;
	seconds?: number;
	messages?: number;
	databaseUrl?: string;
}
const say = (x: unknown) => process.stdout.write(JSON.stringify(x) + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const cfg = JSON.parse(Buffer.concat(chunks).toString()) as Config;

function open(u: BenchUser, reconnection: boolean): Socket {
	return io(cfg.url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection,
		reconnectionDelay: 200,
		reconnectionDelayMax: 1500,
		extraHeaders: { cookie: u.cookie }
	});
}

async function connectAll(sockets: Socket[]) {
	for (let i = 0; i < sockets.length; i += 50) {
		await Promise.all(
			sockets.slice(i, i + 50).map(
				(s) =>
					new Promise<void>((resolve, reject) => {
						if (s.connected) return resolve();
						s.once('connect', () => resolve());
						s.once('connect_error', reject);
					})
			)
		);
	}
}

/** Unmeasured messages before the measured ones, at the same pace. */
const WARMUP_SECONDS = 3;

async function latency() {
	const sockets = cfg.users.map((u) => open(u, false));
	await connectAll(sockets);
	if (cfg.mode === 'echo')
		await Promise.all(sockets.map((s, i) => s.emitWithAck('join', cfg.users[i].conversationId)));
	const sentAt = new Map<string, { at: number; from: number }>();
	const lat: number[] = [];
	let errors = 0;
	sockets.forEach((s, i) => {
		const onMessage = (m: { clientId: string }) => {
			const sent = sentAt.get(m.clientId);
			if (sent && sent.from !== i) lat.push(performance.now() - sent.at);
		};
		s.on(cfg.mode === 'echo' ? 'echoed' : 'chat:message-created', onMessage);
	});
	const send = (n: number, measured: boolean) => {
		const from = Math.floor(Math.random() * sockets.length);
		const clientId = randomUUID();
		const u = cfg.users[from];
		if (measured) sentAt.set(clientId, { at: performance.now(), from });
		const payload =
			cfg.mode === 'echo'
				? { room: u.conversationId, clientId, body: `bench ${n}` }
				: { conversationId: u.conversationId, clientId, body: `bench ${n}` };
		sockets[from]
			.timeout(10_000)
			.emitWithAck(cfg.mode === 'echo' ? 'echo' : 'chat:send', payload)
			.then(
				(ack: { error?: unknown }) => measured && ack.error && errors++,
				() => measured && errors++
			);
	};
	// Paced against the clock: 50 a second means message n leaves at n/50 s.
	const paced = async (count: number, measured: boolean) => {
		const start = performance.now();
		for (let n = 0; n < count; n++) {
			const wait = start + (n * 1000) / cfg.rate - performance.now();
			if (wait > 0) await sleep(wait);
			send(n, measured);
		}
	};
	// A server that has just accepted 1,000 sockets is still setting them up (sessions, rooms,
	// presence) and opening its database connections: the first second of messages waited up to
	// 0.9 s behind that in some runs. Warm both servers up alike, unmeasured, then measure.
	await paced(Math.round(cfg.rate * WARMUP_SECONDS), false);
	await sleep(1000);
	const total = Math.round(cfg.rate * (cfg.seconds ?? 20));
	const start = performance.now();
	await paced(total, true);
	await sleep(3000);
	const receiversPerRoom =
		cfg.users.filter((u) => u.conversationId === cfg.users[0].conversationId).length - 1;
	say({
		result: {
			mode: cfg.mode,
			sent: total,
			seconds: Math.round((performance.now() - start) / 100) / 10,
			expectedReceipts: total * receiversPerRoom,
			...summarize(lat),
			errors
		}
	});
	for (const s of sockets) s.disconnect();
}

async function chaos() {
	const bots = cfg.users.map((u) => new ChatBot(cfg.url, u));
	await connectAll(bots.map((b) => b.socket));
	say({ ready: true });
	let disconnects = 0;
	const chaosTimer = setInterval(() => {
		const b = bots[Math.floor(Math.random() * bots.length)];
		if (!b.socket.connected) return;
		disconnects++;
		b.socket.disconnect();
		setTimeout(() => b.socket.connect(), 100 + Math.random() * 1400);
	}, 20);
	const total = cfg.messages ?? 10_000;
	const start = performance.now();
	for (let n = 0; n < total; n++) {
		const wait = start + (n * 1000) / cfg.rate - performance.now();
		if (wait > 0) await sleep(wait);
		bots[Math.floor(Math.random() * bots.length)].send(`chaos ${n}`);
		if ((n + 1) % 500 === 0) say({ progress: n + 1 });
	}
	clearInterval(chaosTimer);
	// Quiet: every outbox drained and every socket back.
	const deadline = Date.now() + 120_000;
	while (bots.some((b) => b.outbox.length || !b.socket.connected) && Date.now() < deadline) {
		for (const b of bots) if (b.socket.connected && b.outbox.length) void b.flush();
		await sleep(250);
	}
	await sleep(3000);
	const unsent = bots.reduce((n, b) => n + b.outbox.length, 0);

	const db = new pg.Client({ connectionString: cfg.databaseUrl });
	await db.connect();
	const convs = [...new Set(cfg.users.map((u) => u.conversationId))];
	const { rows } = await db.query<{
		id: string;
		seq: string;
		client_id: string;
		conversation_id: string;
	}>(
		'SELECT id, seq, client_id, conversation_id FROM messages WHERE conversation_id = ANY($1) ORDER BY id',
		[convs]
	);
	await db.end();
	const generated = bots.flatMap((b) => b.generated);
	const byClient = new Map<string, number>();
	for (const r of rows) byClient.set(r.client_id, (byClient.get(r.client_id) ?? 0) + 1);
	const seqOf = new Map(rows.map((r) => [r.client_id, Number(r.seq)]));
	const perConv = new Map<string, number[]>();
	for (const r of rows)
		(
			perConv.get(r.conversation_id) ?? perConv.set(r.conversation_id, []).get(r.conversation_id)!
		).push(Number(r.id));

	let lostInDb = 0,
		lostAtClients = 0,
		duplicated = 0,
		outOfOrder = 0;
	for (const c of generated) if (!byClient.has(c)) lostInDb++;
	for (const n of byClient.values()) if (n > 1) duplicated += n - 1;
	for (const b of bots) {
		const held = b.timeline.messages;
		const ids = new Set(held.map((m) => m.id));
		duplicated += held.length - ids.size;
		duplicated += held.length - new Set(held.map((m) => m.clientId)).size;
		for (const id of perConv.get(b.user.conversationId) ?? []) if (!ids.has(id)) lostAtClients++;
		for (let i = 1; i < held.length; i++)
			if (held[i].seq !== held[i - 1].seq + 1 || held[i].id < held[i - 1].id) outOfOrder++;
		// Each sender's messages keep the order in which they were written.
		for (let i = 1; i < b.generated.length; i++) {
			const x = seqOf.get(b.generated[i - 1]),
				y = seqOf.get(b.generated[i]);
			if (x !== undefined && y !== undefined && y < x) outOfOrder++;
		}
	}
	say({
		result: {
			mode: 'chaos',
			generated: generated.length,
			stored: rows.length,
			unsent,
			randomDisconnects: disconnects,
			lost: lostInDb + lostAtClients,
			lostInDb,
			lostAtClients,
			duplicated,
			outOfOrder,
			wireDuplicates: bots.reduce((n, b) => n + b.wireDuplicates, 0),
			wireGaps: bots.reduce((n, b) => n + b.wireGaps, 0),
			seconds: Math.round((performance.now() - start) / 100) / 10
		}
	});
	for (const b of bots) b.socket.disconnect();
}

await (cfg.mode === 'chaos' ? chaos() : latency());
process.exit(0);
