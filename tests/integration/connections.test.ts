import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nextEvent, type TestApp, type TestUser } from '../helpers/test-app';
import { loadMatchingFixture } from '../helpers/matching-fixture';
import { expectTrpcError } from '../helpers/expect-error';
import { areConnected } from '../../src/lib/server/connections/connections.service';
import { localizeError } from '../../src/lib/server/trpc/error-format';

let app: TestApp;
let url: string;
let ids: Map<string, string>;
// The couscous cooperative of Taourirt (owner, admin, member) and the packaging cooperative
// (owner, member); an outsider who owns a third organization.
let owner: TestUser, admin: TestUser, member: TestUser;
let packOwner: TestUser, packMember: TestUser, outsider: TestUser;
const id = (slug: string) => ids.get(slug)!;

beforeAll(async () => {
	app = await createTestApp();
	({ url } = await app.startRealtimeServer());
	[owner, admin, member, packOwner, packMember, outsider] = await Promise.all(
		Array.from({ length: 6 }, () => app.user())
	);
	ids = await loadMatchingFixture(app, {
		'couscous-nisaa-taourirt': [
			{ user: owner, role: 'owner' },
			{ user: admin, role: 'admin' },
			{ user: member, role: 'member' }
		],
		'talfif-taourirt': [
			{ user: packOwner, role: 'owner' },
			{ user: packMember, role: 'member' }
		],
		'qamh-saka': [{ user: outsider, role: 'owner' }],
		'draft-universal': [{ user: outsider, role: 'owner' }]
	});
});
afterAll(() => app?.close());

describe('connection requests', () => {
	let connectionId: string;

	it('only owners and admins send, for their own organization', async () => {
		const input = {
			fromOrgId: id('couscous-nisaa-taourirt'),
			toOrgId: id('talfif-taourirt'),
			message: 'Salam'
		};
		await expectTrpcError((await app.caller(null)).connections.request(input), 'UNAUTHORIZED');
		await expectTrpcError((await app.caller(member)).connections.request(input), 'FORBIDDEN');
		await expectTrpcError((await app.caller(outsider)).connections.request(input), 'NOT_FOUND');
		await expectTrpcError(
			(await app.caller(owner)).connections.request({ ...input, toOrgId: input.fromOrgId }),
			'BAD_REQUEST',
			'match_error_self'
		);
		// Not to an organization that is not public, nor from one.
		await expectTrpcError(
			(await app.caller(owner)).connections.request({ ...input, toOrgId: id('draft-universal') }),
			'NOT_FOUND'
		);
		await expectTrpcError(
			(await app.caller(outsider)).connections.request({
				...input,
				fromOrgId: id('draft-universal')
			}),
			'FORBIDDEN',
			'match_error_not_published'
		);
		await expectTrpcError(
			(await app.caller(owner)).connections.request({ ...input, message: 'x'.repeat(501) }),
			'BAD_REQUEST'
		);
	});

	it('notifies the other side’s owners live, in their language, once', async () => {
		const socket = app.connect(url, packOwner);
		await nextEvent(socket, 'connect');
		const before = await socket.emitWithAck('notification:unread');
		const live = nextEvent<{ kind: string; payload: Record<string, unknown> }>(
			socket,
			'notification:created'
		);
		const sent = await (
			await app.caller(admin)
		).connections.request({
			fromOrgId: id('couscous-nisaa-taourirt'),
			toOrgId: id('talfif-taourirt'),
			message: '  نبحث عن تلفيف للكسكس  '
		});
		connectionId = sent.id;
		expect(sent).toMatchObject({
			status: 'pending',
			direction: 'sent',
			message: 'نبحث عن تلفيف للكسكس'
		});
		const n = await live;
		expect(n.kind).toBe('connection.requested');
		expect(n.payload).toMatchObject({
			connectionId,
			fromOrg: { slug: 'couscous-nisaa-taourirt', names: { ar: 'تعاونية النساء للكسكس بتاوريرت' } }
		});
		const after = await socket.emitWithAck('notification:unread');
		expect('data' in after && 'data' in before && after.data.unread - before.data.unread).toBe(1);
		// The plain member of the packaging cooperative is not asked to answer.
		expect((await (await app.caller(packMember)).notifications.list({})).items).toHaveLength(0);
	});

	it('refuses a second open request between the same pair, whichever side asks', async () => {
		const ask = (as: TestUser, from: string, to: string) =>
			app.caller(as).then((c) => c.connections.request({ fromOrgId: id(from), toOrgId: id(to) }));
		await expectTrpcError(
			ask(owner, 'couscous-nisaa-taourirt', 'talfif-taourirt'),
			'CONFLICT',
			'match_error_already_pending'
		);
		await expectTrpcError(
			ask(packOwner, 'talfif-taourirt', 'couscous-nisaa-taourirt'),
			'CONFLICT',
			'match_error_they_asked_first'
		);
	});

	it('shows the request to members of both sides, and to nobody else', async () => {
		const box = (as: TestUser | null, slug: string, b: 'received' | 'sent') =>
			app.caller(as).then((c) => c.connections.list({ organizationId: id(slug), box: b }));
		expect((await box(packMember, 'talfif-taourirt', 'received')).items.map((c) => c.id)).toEqual([
			connectionId
		]);
		expect((await box(packMember, 'talfif-taourirt', 'received')).canAct).toBe(false);
		expect((await box(member, 'couscous-nisaa-taourirt', 'sent')).items[0].other.slug).toBe(
			'talfif-taourirt'
		);
		await expectTrpcError(box(outsider, 'talfif-taourirt', 'received'), 'NOT_FOUND');
		await expectTrpcError(box(owner, 'talfif-taourirt', 'received'), 'NOT_FOUND');
		await expectTrpcError(box(null, 'talfif-taourirt', 'received'), 'UNAUTHORIZED');
	});

	it('is answered only by the receiving side’s owners and admins', async () => {
		const accept = (as: TestUser) =>
			app.caller(as).then((c) => c.connections.accept({ connectionId }));
		await expectTrpcError(accept(packMember), 'FORBIDDEN');
		await expectTrpcError(accept(owner), 'FORBIDDEN'); // the sender cannot accept its own request
		await expectTrpcError(accept(outsider), 'NOT_FOUND');
		await expectTrpcError(
			app.caller(packOwner).then((c) => c.connections.withdraw({ connectionId })),
			'FORBIDDEN'
		);

		const socket = app.connect(url, owner);
		await nextEvent(socket, 'connect');
		const live = nextEvent<{ kind: string }>(socket, 'notification:created');
		const accepted = await accept(packOwner);
		expect(accepted).toMatchObject({ status: 'accepted', direction: 'received' });
		expect((await live).kind).toBe('connection.accepted');
		await expectTrpcError(accept(packOwner), 'CONFLICT', 'match_error_not_pending');
		expect(await areConnected(app.db, id('talfif-taourirt'), id('couscous-nisaa-taourirt'))).toBe(
			true
		);
		// Both sides see it among the accepted ones; a new request says they are connected.
		for (const [as, slug] of [
			[member, 'couscous-nisaa-taourirt'],
			[packMember, 'talfif-taourirt']
		] as const) {
			const list = await (
				await app.caller(as)
			).connections.list({ organizationId: id(slug), box: 'accepted' });
			expect(list.items.map((c) => c.id)).toEqual([connectionId]);
		}
		await expectTrpcError(
			app.caller(owner).then((c) =>
				c.connections.request({
					fromOrgId: id('couscous-nisaa-taourirt'),
					toOrgId: id('talfif-taourirt')
				})
			),
			'CONFLICT',
			'match_error_already_connected'
		);
		// Connected organizations are no longer suggested to each other.
		const suggestions = await (
			await app.caller(member)
		).matching.suggestions({
			organizationId: id('couscous-nisaa-taourirt')
		});
		expect(suggestions.items.map((s) => s.org.slug)).not.toContain('talfif-taourirt');
	});

	it('can be withdrawn by the sender, then asked again; declined by the receiver', async () => {
		const c = await app.caller(owner);
		const first = await c.connections.request({
			fromOrgId: id('couscous-nisaa-taourirt'),
			toOrgId: id('qamh-saka')
		});
		await expectTrpcError(
			app.caller(outsider).then((x) => x.connections.withdraw({ connectionId: first.id })),
			'FORBIDDEN'
		);
		expect((await c.connections.withdraw({ connectionId: first.id })).status).toBe('withdrawn');
		const again = await c.connections.request({
			fromOrgId: id('couscous-nisaa-taourirt'),
			toOrgId: id('qamh-saka')
		});
		const declined = await (
			await app.caller(outsider)
		).connections.decline({ connectionId: again.id });
		expect(declined.status).toBe('declined');
		const history = await c.connections.list({
			organizationId: id('couscous-nisaa-taourirt'),
			box: 'history'
		});
		expect(
			history.items
				.filter((h) => h.other.slug === 'qamh-saka')
				.map((h) => h.status)
				.sort()
		).toEqual(['declined', 'withdrawn']);
	});

	it('lets only one of two simultaneous requests between a pair through', async () => {
		const a = await app.user();
		const b = await app.user();
		await app.db.query(
			`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, 'owner'), ($3, $4, 'owner')`,
			[id('nahl-debdou'), a.id, id('nahl-isly'), b.id]
		);
		const results = await Promise.allSettled([
			app
				.caller(a)
				.then((c) =>
					c.connections.request({ fromOrgId: id('nahl-debdou'), toOrgId: id('nahl-isly') })
				),
			app
				.caller(b)
				.then((c) =>
					c.connections.request({ fromOrgId: id('nahl-isly'), toOrgId: id('nahl-debdou') })
				)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(
			(results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code
		).toBe('CONFLICT');
	});
});

describe('the daily limit', () => {
	it('allows 20 requests in 24 hours per organization, then says when to retry', async () => {
		const boss = await app.user();
		const from = id('dar-ess');
		await app.db.query(
			`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, 'admin')`,
			[from, boss.id]
		);
		const targets = [...ids.entries()]
			.filter(([slug]) => !/universal|dar-ess/.test(slug))
			.map(([, v]) => v)
			.slice(0, 22);
		const c = await app.caller(boss, 'ar');
		// Two sent yesterday do not count any more.
		for (const to of targets.slice(0, 2))
			await c.connections.request({ fromOrgId: from, toOrgId: to });
		await app.db.query(
			`UPDATE connections SET created_at = now() - interval '25 hours', status = 'withdrawn' WHERE from_org_id = $1`,
			[from]
		);
		for (const to of targets.slice(2, 22))
			await c.connections.request({ fromOrgId: from, toOrgId: to });
		const err = await expectTrpcError(
			c.connections.request({ fromOrgId: from, toOrgId: targets[0] }),
			'TOO_MANY_REQUESTS',
			'match_error_daily_limit'
		);
		const localized = localizeError(err, 'ar');
		expect(localized.retryAfter).toBeGreaterThan(23 * 3600);
		expect(localized.message).toContain('20');
		expect(localized.message).toContain('24 ساعة');
	});
});

describe('notification center', () => {
	it('lists the user’s own notifications, marks them read, and tells the other tabs', async () => {
		const c = await app.caller(owner);
		const list = await c.notifications.list({});
		expect(list.items.length).toBeGreaterThan(0);
		expect(list.items.map((n) => n.kind)).toContain('connection.accepted');
		const tabA = app.connect(url, owner);
		const tabB = app.connect(url, owner);
		await Promise.all([nextEvent(tabA, 'connect'), nextEvent(tabB, 'connect')]);
		const told = nextEvent<{ unread: number; ids: number[] }>(tabB, 'notification:read');
		// Somebody else's notification ids are ignored.
		const theirs = (await (await app.caller(packOwner)).notifications.list({})).items[0].id;
		const res = await c.notifications.markRead({ ids: [list.items[0].id, theirs] });
		expect(res.changed).toEqual([list.items[0].id]);
		expect(await told).toEqual({ ids: [list.items[0].id], unread: res.unread });
		expect((await (await app.caller(packOwner)).notifications.list({})).items[0].read).toBe(false);
		await c.notifications.markAllRead();
		expect(await c.notifications.unreadCount()).toBe(0);
	});

	it('pages from newest to oldest', async () => {
		const u = await app.user();
		await app.db.query(
			`INSERT INTO notifications (user_id, kind, payload) SELECT $1, 'test.kind', jsonb_build_object('n', g) FROM generate_series(1, 45) g`,
			[u.id]
		);
		const c = await app.caller(u);
		const p1 = await c.notifications.list({});
		const p2 = await c.notifications.list({ before: p1.nextBefore });
		const p3 = await c.notifications.list({ before: p2.nextBefore });
		expect([p1.items.length, p2.items.length, p3.items.length]).toEqual([20, 20, 5]);
		expect(p3.nextBefore).toBeNull();
		expect(p1.items[0].payload).toEqual({ n: 45 });
		expect(p1.unread).toBe(45);
		await expectTrpcError((await app.caller(null)).notifications.list({}), 'UNAUTHORIZED');
	});
});
