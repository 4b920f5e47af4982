import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nextEvent, type TestApp } from '../helpers/test-app';

let app: TestApp;
let url: string;
beforeAll(async () => {
	app = await createTestApp();
	({ url } = await app.startRealtimeServer());
});
afterAll(() => app?.close());

describe('socket.io handshake', () => {
	it('refuses a socket without a session cookie', async () => {
		const socket = app.connect(url, null);
		const err = await nextEvent<Error>(socket, 'connect_error');
		expect(err.message).toBe('unauthorized');
	});

	it('refuses a forged session cookie', async () => {
		const socket = app.connect(url, {
			id: 'x',
			email: 'x',
			sessionId: 'x',
			cookie: 'tashbik_session=forged0000000000000000000000000000'
		});
		expect((await nextEvent<Error>(socket, 'connect_error')).message).toBe('unauthorized');
	});

	it('refuses a cross-site origin', async () => {
		const u = await app.user();
		const socket = app.connect(url, u, { origin: 'https://evil.example' });
		const err = await nextEvent<Error>(socket, 'connect_error');
		expect(err).toBeTruthy();
		expect(socket.connected).toBe(false);
	});

	it('accepts a signed-in user and answers presence', async () => {
		const u = await app.user();
		const socket = app.connect(url, u);
		await nextEvent(socket, 'connect');
		const ack = await socket.emitWithAck('presence:get');
		expect(ack).toEqual({ data: { online: expect.any(Number) } });
		expect('data' in ack && ack.data.online).toBeGreaterThanOrEqual(1);
	});
});

describe('sessions end live', () => {
	it('signing out disconnects that session, and only that one', async () => {
		const u = await app.user();
		const other = await app.deps.lucia.createSession(u.id, {
			created_at: new Date(),
			ip: null,
			user_agent: null
		});
		const a = app.connect(url, u);
		const b = app.connect(url, {
			...u,
			sessionId: other.id,
			cookie: app.deps.lucia.createSessionCookie(other.id).serialize()
		});
		await Promise.all([nextEvent(a, 'connect'), nextEvent(b, 'connect')]);
		const ended = nextEvent<{ reason: string }>(a, 'session:ended');
		const gone = nextEvent(a, 'disconnect');
		await (await app.caller(u)).auth.signOut();
		expect((await ended).reason).toBe('signed-out');
		await gone;
		await new Promise((r) => setTimeout(r, 100));
		expect(b.connected).toBe(true);
	});

	it('the online count follows people coming and going', async () => {
		const watcher = await app.user();
		const w = app.connect(url, watcher);
		await nextEvent(w, 'connect');
		const before = await w.emitWithAck('presence:get');
		const guest = await app.user();
		const g = app.connect(url, guest);
		await nextEvent(g, 'connect');
		const changed = await nextEvent<{ online: number }>(w, 'presence:changed', 3000);
		expect('data' in before && changed.online).toBe(
			('data' in before ? before.data.online : 0) + 1
		);
	});
});
