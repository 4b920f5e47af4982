import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestApp,
	nextEvent,
	type TestApp,
	type TestSocket,
	type TestUser
} from '../helpers/test-app';
import { connectOrgs, makeOrg, newClientId, unwrap } from '../helpers/chat-fixtures';
import type { ChatMessage } from '../../src/lib/chat/types';

let app: TestApp;
let url: string;
let alice: TestUser, amir: TestUser, bob: TestUser, outsider: TestUser, staff: TestUser;
let orgA: string, orgB: string, orgC: string;
let conversationId: string;

async function online(u: TestUser) {
	const s = app.connect(url, u);
	await nextEvent(s, 'connect');
	return s;
}
const send = (
	s: TestSocket,
	body: string,
	clientId: string = newClientId(),
	conv = conversationId
) => s.emitWithAck('chat:send', { conversationId: conv, clientId, body });
/** Collects `chat:message-created` events for the given conversation. */
function collect(s: TestSocket, conv = conversationId) {
	const got: ChatMessage[] = [];
	s.on('chat:message-created', (m) => m.conversationId === conv && got.push(m));
	return got;
}
const until = async (cond: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
};
/** Spreads sends over time so the 5-a-second limit does not apply to tests about other things. */
const pace = () => new Promise((r) => setTimeout(r, 250));

beforeAll(async () => {
	app = await createTestApp();
	({ url } = await app.startRealtimeServer());
	[alice, amir, bob, outsider, staff] = await Promise.all([
		app.user({ displayName: 'Alice' }),
		app.user({ displayName: 'Amir' }),
		app.user({ displayName: 'Bob' }),
		app.user({ displayName: 'Outsider' }),
		app.user({ role: 'staff' })
	]);
	orgA = await makeOrg(app.db, [alice, amir], 'تعاونية الكسكس');
	orgB = await makeOrg(app.db, [bob], 'Coopérative Berkane');
	orgC = await makeOrg(app.db, [outsider], 'Other');
	await connectOrgs(app.db, orgA, orgB);
	await connectOrgs(app.db, orgC, orgA, 'pending');
	({ conversationId } = await (await app.caller(alice)).chat.openDirect({ organizationId: orgB }));
});
afterAll(() => app?.close());

describe('direct conversations', () => {
	it('opens one conversation per connected pair, from either side', async () => {
		const again = await (await app.caller(bob)).chat.openDirect({ organizationId: orgA });
		expect(again.conversationId).toBe(conversationId);
	});

	it('refuses a pair without an accepted connection, and explains it', async () => {
		const c = await app.caller(outsider);
		await expect(c.chat.openDirect({ organizationId: orgA })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(await c.chat.directStatus({ organizationId: orgA })).toEqual({ state: 'not-connected' });
		expect(await (await app.caller(alice)).chat.directStatus({ organizationId: orgA })).toEqual({
			state: 'own'
		});
		expect(await (await app.caller(null)).chat.directStatus({ organizationId: orgA })).toEqual({
			state: 'signed-out'
		});
	});
});

describe('sending', () => {
	it('acknowledges with the stored message, and every member of both organizations gets it at once', async () => {
		const [a, m, b] = await Promise.all([online(alice), online(amir), online(bob)]);
		const toBob = nextEvent<ChatMessage>(b, 'chat:message-created');
		const toAmir = nextEvent<ChatMessage>(m, 'chat:message-created');
		const stored = unwrap(await send(a, '  مرحبا Bonjour  '));
		expect(stored).toMatchObject({ body: 'مرحبا Bonjour', senderName: 'Alice', senderOrgId: orgA });
		const { rows } = await app.db.query('SELECT body FROM messages WHERE id = $1', [stored.id]);
		expect(rows[0].body).toBe('مرحبا Bonjour');
		expect(await toBob).toEqual(stored);
		expect(await toAmir).toEqual(stored);
	});

	it('the same client id twice stores one message and returns the first', async () => {
		const [a, a2] = await Promise.all([online(alice), online(alice)]);
		const clientId = newClientId();
		const first = unwrap(await send(a, 'once', clientId));
		const retry = unwrap(await send(a, 'once (retried)', clientId));
		expect(retry).toEqual(first);
		// Two connections racing with the same id (a retry on another tab or node).
		const racing = newClientId();
		const [x, y] = await Promise.all([send(a, 'race', racing), send(a2, 'race', racing)]);
		expect(unwrap(x).id).toBe(unwrap(y).id);
		const { rows } = await app.db.query(
			'SELECT count(*)::int AS n FROM messages WHERE client_id = ANY($1)',
			[[clientId, racing]]
		);
		expect(rows[0].n).toBe(2);
	});

	it('keeps one order: ids follow the per-conversation seq, and every receiver sees that order', async () => {
		await new Promise((r) => setTimeout(r, 1100)); // a fresh second for the rate limit
		const [a, b, watcher] = await Promise.all([online(alice), online(bob), online(amir)]);
		const seen = collect(watcher);
		const acks = await Promise.all(
			Array.from({ length: 8 }, (_, i) => send(i % 2 ? b : a, `n${i}`))
		);
		const stored = acks.map(unwrap).sort((x, y) => x.id - y.id);
		await until(() => seen.length === 8);
		expect(seen.map((m) => m.id)).toEqual(stored.map((m) => m.id));
		const seqs = stored.map((m) => m.seq);
		expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
	});

	it('after a disconnect, asking for everything after the last id gives exactly the missed messages, in order', async () => {
		await new Promise((r) => setTimeout(r, 1100));
		const a = await online(alice);
		let b = await online(bob);
		const last = unwrap(await send(a, 'before')).id;
		b.disconnect();
		const missed = [];
		for (const body of ['one', 'two', 'three']) {
			missed.push(unwrap(await send(a, body)));
			await pace();
		}
		b = await online(bob);
		const page = unwrap(await b.emitWithAck('chat:sync', { conversationId, afterId: last }));
		expect(page.messages.map((m) => m.body)).toEqual(['one', 'two', 'three']);
		expect(page.messages).toEqual(missed);
		expect(page.more).toBe(false);
	});

	it('refuses more than 5 messages a second with a clear error, even in a concurrent burst', async () => {
		await new Promise((r) => setTimeout(r, 1100));
		const a = await online(alice);
		const acks = await Promise.all(Array.from({ length: 8 }, (_, i) => send(a, `fast ${i}`)));
		expect(acks.filter((x) => 'data' in x)).toHaveLength(5);
		const refused = acks.filter((x) => 'error' in x);
		expect(refused).toHaveLength(3);
		expect(refused[0]).toEqual({
			error: expect.objectContaining({
				code: 'TOO_MANY_REQUESTS',
				retryAfter: 1,
				message: 'ترسل الرسائل بسرعة كبيرة. انتظر ثانية ثم أعد المحاولة.'
			})
		});
		await new Promise((r) => setTimeout(r, 1100));
		expect('data' in (await send(a, 'later'))).toBe(true);
	});

	it('validates every payload', async () => {
		const a = await online(alice);
		const tooLong = await send(a, 'x'.repeat(4001));
		expect(tooLong).toMatchObject({
			error: { code: 'BAD_REQUEST', fieldErrors: { body: [expect.any(String)] } }
		});
		expect('data' in (await send(a, 'y'.repeat(4000)))).toBe(true);
		expect(await send(a, '   ')).toMatchObject({ error: { code: 'BAD_REQUEST' } });
		expect(await send(a, 'ok', 'bad id with spaces')).toMatchObject({
			error: { code: 'BAD_REQUEST' }
		});
		expect(await send(a, 'ok', newClientId(), 'not-a-uuid')).toMatchObject({
			error: { code: 'BAD_REQUEST' }
		});
		expect(
			await (
				a as unknown as { emitWithAck: (e: string, x: unknown) => Promise<unknown> }
			).emitWithAck('chat:sync', 'garbage')
		).toMatchObject({ error: { code: 'BAD_REQUEST' } });
		// More than maxHttpBufferSize in one frame: the server drops the socket.
		const gone = nextEvent(a, 'disconnect');
		a.emit(
			'chat:send',
			{ conversationId, clientId: newClientId(), body: 'z'.repeat(40_000) },
			() => {}
		);
		await gone;
	});
});

describe('an outsider (a member of another, unconnected organization)', () => {
	it('can neither send, read, join, nor watch presence', async () => {
		const o = await online(outsider);
		const notFound = { error: expect.objectContaining({ code: 'NOT_FOUND' }) };
		expect(await send(o, 'let me in')).toEqual(notFound);
		expect(await o.emitWithAck('chat:sync', { conversationId, afterId: 0 })).toEqual(notFound);
		expect(await o.emitWithAck('chat:join', { conversationId })).toEqual(notFound);
		expect(await o.emitWithAck('chat:presence', { conversationId })).toEqual(notFound);
		expect(await o.emitWithAck('chat:read', { conversationId, messageId: 1 })).toEqual(notFound);
		const c = await app.caller(outsider);
		await expect(c.chat.history({ conversationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(c.chat.conversation({ conversationId })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		expect((await c.chat.inbox()).items).toEqual([]);
		const { count } = await app.db
			.query('SELECT count(*)::int AS count FROM messages WHERE sender_user_id = $1', [outsider.id])
			.then((r) => r.rows[0]);
		expect(count).toBe(0);
	});

	it('receives nothing, not even typing, and cannot touch others’ messages', async () => {
		const [o, a, b] = await Promise.all([online(outsider), online(alice), online(bob)]);
		let leaked = 0;
		o.onAny((event: string) => event.startsWith('chat:') && leaked++);
		unwrap(await b.emitWithAck('chat:join', { conversationId }));
		o.emit('chat:typing', { conversationId });
		const typed = nextEvent(b, 'chat:user-typed', 1000).then(
			() => 'typed',
			() => 'silent'
		);
		expect(await typed).toBe('silent');
		const msg = unwrap(await send(a, 'private'));
		const notFound = { error: expect.objectContaining({ code: 'NOT_FOUND' }) };
		expect(await o.emitWithAck('chat:edit', { messageId: msg.id, body: 'mine now' })).toEqual(
			notFound
		);
		expect(await o.emitWithAck('chat:delete', { messageId: msg.id })).toEqual(notFound);
		await expect(
			(await app.caller(outsider)).chat.report({ messageId: msg.id, reason: 'spam' })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await new Promise((r) => setTimeout(r, 300));
		expect(leaked).toBe(0);
	});

	it('a member whose connection ended can read but not send', async () => {
		const carol = await app.user({ displayName: 'Carol' });
		const dave = await app.user({ displayName: 'Dave' });
		const x = await makeOrg(app.db, [carol]);
		const y = await makeOrg(app.db, [dave]);
		await connectOrgs(app.db, x, y);
		const conv = (await (await app.caller(carol)).chat.openDirect({ organizationId: y }))
			.conversationId;
		const s = await online(carol);
		unwrap(await send(s, 'while connected', newClientId(), conv));
		await app.db.query(`UPDATE connections SET status = 'withdrawn' WHERE from_org_id = $1`, [x]);
		expect(await send(s, 'after', newClientId(), conv)).toMatchObject({
			error: { code: 'FORBIDDEN' }
		});
		const page = unwrap(await s.emitWithAck('chat:sync', { conversationId: conv, afterId: 0 }));
		expect(page.messages.map((m) => m.body)).toEqual(['while connected']);
	});

	it('a suspended user is disconnected at once and cannot come back', async () => {
		const victim = await app.user();
		const org = await makeOrg(app.db, [victim]);
		await connectOrgs(app.db, org, orgA);
		const s = await online(victim);
		const gone = nextEvent(s, 'disconnect');
		await app.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [victim.id]);
		app.deps.realtime.disconnectUser(victim.id, 'suspended');
		await gone;
		const again = app.connect(url, victim);
		expect((await nextEvent<Error>(again, 'connect_error')).message).toBe('unauthorized');
	});
});

describe('edit, delete, read markers, typing, presence', () => {
	it('edits own messages within 15 minutes, live for everyone; not others’, not later', async () => {
		const [a, b] = await Promise.all([online(alice), online(bob)]);
		const msg = unwrap(await send(a, 'typo'));
		const live = nextEvent<ChatMessage>(b, 'chat:message-updated');
		const edited = unwrap(await a.emitWithAck('chat:edit', { messageId: msg.id, body: 'fixed' }));
		expect(edited).toMatchObject({ id: msg.id, body: 'fixed', editedAt: expect.any(String) });
		expect(await live).toEqual(edited);
		expect(await b.emitWithAck('chat:edit', { messageId: msg.id, body: 'hijack' })).toMatchObject({
			error: { code: 'FORBIDDEN' }
		});
		await app.db.query(
			`UPDATE messages SET created_at = now() - interval '16 minutes' WHERE id = $1`,
			[msg.id]
		);
		expect(await a.emitWithAck('chat:edit', { messageId: msg.id, body: 'late' })).toMatchObject({
			error: { code: 'FORBIDDEN', message: expect.stringContaining('15') }
		});
		// Deleting has no time limit; the text leaves every screen and every later read.
		const deletedLive = nextEvent<ChatMessage>(b, 'chat:message-updated');
		const deleted = unwrap(await a.emitWithAck('chat:delete', { messageId: msg.id }));
		expect(deleted).toMatchObject({ state: 'deleted', body: null });
		expect(await deletedLive).toEqual(deleted);
		const page = await (await app.caller(bob)).chat.history({ conversationId });
		expect(page.messages.find((m) => m.id === msg.id)).toMatchObject({
			body: null,
			state: 'deleted'
		});
	});

	it('reports go to staff; staff hide replaces the message live with a placeholder and is audited', async () => {
		const [a, b] = await Promise.all([online(alice), online(bob)]);
		const msg = unwrap(await send(a, 'offensive'));
		const reported = await (
			await app.caller(bob)
		).chat.report({ messageId: msg.id, reason: 'abuse' });
		expect(reported).toEqual({ reported: true, alreadyReported: false });
		await expect(
			(await app.caller(alice)).chat.report({ messageId: msg.id, reason: 'spam' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(
			(await app.caller(bob)).chat.hide({ messageId: msg.id, reason: 'x' })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const live = nextEvent<ChatMessage>(b, 'chat:message-updated');
		await (await app.caller(staff)).chat.hide({ messageId: msg.id, reason: 'abusive language' });
		expect(await live).toMatchObject({ id: msg.id, state: 'hidden', body: null });
		const audit = await app.db.query(
			`SELECT action, reason FROM moderation_actions WHERE target_type = 'message' AND target_id = $1`,
			[String(msg.id)]
		);
		expect(audit.rows).toEqual([{ action: 'message.hide', reason: 'abusive language' }]);
		const report = await app.db.query(`SELECT status FROM reports WHERE target_id = $1`, [
			String(msg.id)
		]);
		expect(report.rows).toEqual([{ status: 'actioned' }]);
	});

	it('unread counts follow read markers, and the user’s other tabs hear of it', async () => {
		const [a, b, b2] = await Promise.all([online(alice), online(bob), online(bob)]);
		await new Promise((r) => setTimeout(r, 1100));
		const base = unwrap(await b.emitWithAck('chat:unread')).unread;
		const aliceBase = unwrap(await a.emitWithAck('chat:unread')).unread;
		const m1 = unwrap(await send(a, 'u1'));
		const m2 = unwrap(await send(a, 'u2'));
		expect(unwrap(await b.emitWithAck('chat:unread')).unread).toBe(base + 2);
		const inbox = await (await app.caller(bob)).chat.inbox();
		expect(inbox.items[0]).toMatchObject({
			id: conversationId,
			otherOrg: { id: orgA, name: 'تعاونية الكسكس' },
			lastMessage: { id: m2.id, body: 'u2', mine: false }
		});
		expect(inbox.items[0].unread).toBeGreaterThanOrEqual(2);
		const other = nextEvent(b2, 'chat:read-updated');
		const read = unwrap(await b.emitWithAck('chat:read', { conversationId, messageId: m2.id }));
		expect(read).toEqual({ lastReadMessageId: m2.id, unread: 0 });
		expect(await other).toEqual({ conversationId, lastReadMessageId: m2.id });
		// Markers never move back.
		const back = unwrap(await b.emitWithAck('chat:read', { conversationId, messageId: m1.id }));
		expect(back.lastReadMessageId).toBe(m2.id);
		// One's own messages are never unread.
		expect(unwrap(await a.emitWithAck('chat:unread')).unread).toBe(aliceBase);
	});

	it('relays typing to joined viewers only, and tells who is online', async () => {
		const [a, b] = await Promise.all([online(alice), online(bob)]);
		const joined = unwrap(await b.emitWithAck('chat:join', { conversationId }));
		expect(joined.online.map((p) => p.name)).toEqual(expect.arrayContaining(['Alice', 'Bob']));
		expect(joined.online.map((p) => p.name)).not.toContain('Outsider');
		unwrap(await a.emitWithAck('chat:join', { conversationId }));
		const typed = nextEvent(b, 'chat:user-typed');
		a.emit('chat:typing', { conversationId });
		expect(await typed).toEqual({ conversationId, userId: alice.id, name: 'Alice' });
		const bea = await app.user({ displayName: 'Bea' });
		await app.db.query(
			`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, 'member')`,
			[orgB, bea.id]
		);
		const changed = nextEvent(b, 'chat:presence-changed');
		const late = await online(bea);
		expect(await changed).toEqual({ userId: bea.id, online: true });
		const second = await online(bea);
		second.disconnect(); // another tab still open: still online
		late.disconnect();
		expect(await nextEvent(b, 'chat:presence-changed')).toEqual({ userId: bea.id, online: false });
	});

	it('history comes page by page, newest first, each page in order', async () => {
		const a = await online(amir); // has sent nothing yet: the rate limit is not in the way
		for (let i = 0; i < 11; i++) {
			unwrap(await send(a, `page ${i}`));
			await pace();
		}
		const c = await app.caller(bob);
		const first = await c.chat.history({ conversationId, limit: 5 });
		expect(first.messages).toHaveLength(5);
		expect(first.more).toBe(true);
		const older = await c.chat.history({
			conversationId,
			limit: 5,
			beforeId: first.messages[0].id
		});
		const ids = [...older.messages, ...first.messages].map((m) => m.id);
		expect(ids).toEqual([...ids].sort((x, y) => x - y));
		expect(new Set(ids).size).toBe(10);
	});
});
