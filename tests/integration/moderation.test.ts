import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nextEvent, type TestApp, type TestUser } from '../helpers/test-app';
import { makeOrg, connectOrgs, newClientId } from '../helpers/chat-fixtures';
import type { ChatMessage } from '../../src/lib/chat/types';

let app: TestApp;
let url: string;
beforeAll(async () => {
	app = await createTestApp();
	({ url } = await app.startRealtimeServer());
});
afterAll(() => app?.close());

/** Two connected cooperatives, a direct conversation, and a message from A. */
async function conversationWithMessage(body = 'Message abusif') {
	const a = await app.user({ displayName: 'Auteur' });
	const b = await app.user({ displayName: 'Lectrice' });
	const orgA = await makeOrg(app.db, [a], 'Coop A');
	const orgB = await makeOrg(app.db, [b], 'Coop B');
	await connectOrgs(app.db, orgA, orgB);
	const { conversationId } = await (await app.caller(a)).chat.openDirect({ organizationId: orgB });
	const message = await (
		await app.caller(a)
	).chat.send({ conversationId, clientId: newClientId(), body });
	return { a, b, orgA, orgB, conversationId, message };
}

const staffCaller = async () => app.caller(await app.user({ role: 'staff' }));
const kindsOf = async (u: TestUser) =>
	(
		await app.db.query<{ kind: string }>(
			'SELECT kind FROM notifications WHERE user_id = $1 ORDER BY id',
			[u.id]
		)
	).rows.map((r) => r.kind);

describe('reports queue', () => {
	it('groups open reports by target, with the message and those around it', async () => {
		const { b, conversationId, message, a } = await conversationWithMessage();
		for (const body of ['suite 1', 'suite 2'])
			await (await app.caller(a)).chat.send({ conversationId, clientId: newClientId(), body });
		await (
			await app.caller(b)
		).chat.report({ messageId: message.id, reason: 'abuse', details: 'Insultes' });
		const s = await staffCaller();
		const queue = await s.staff.reportQueue({ targetType: 'message', page: 1 });
		const group = queue.groups.find((g) => g.target_id === String(message.id))!;
		expect(group.open_reports).toBe(1);
		expect(group.reasons).toEqual(['abuse']);
		const detail = await s.staff.reportTarget({
			targetType: 'message',
			targetId: String(message.id)
		});
		expect(detail.reports.map((r) => [r.reason, r.details])).toEqual([['abuse', 'Insultes']]);
		const context = detail.target as { messages: { body: string; is_target: boolean }[] };
		expect(context.messages.map((m) => [m.body, m.is_target])).toEqual([
			['Message abusif', true],
			['suite 1', false],
			['suite 2', false]
		]);
	});
});

describe('moderation actions', () => {
	it('staff hide a message: it is replaced live for the other member, reporters hear the outcome, the audit log has it', async () => {
		const { b, message } = await conversationWithMessage();
		await (await app.caller(b)).chat.report({ messageId: message.id, reason: 'harassment' });
		const socketB = app.connect(url, b);
		await nextEvent(socketB, 'connect');
		const updated = nextEvent<ChatMessage>(socketB, 'chat:message-updated');
		const s = await staffCaller();
		await s.staff.moderate({
			targetType: 'message',
			targetId: String(message.id),
			action: 'hide',
			reason: 'Propos injurieux'
		});
		const live = await updated;
		expect(live).toMatchObject({ id: message.id, state: 'hidden', body: null });
		expect(await kindsOf(b)).toContain('report.resolved');
		const reports = await app.db.query<{ status: string; outcome: string }>(
			`SELECT status, outcome FROM reports WHERE target_id = $1`,
			[String(message.id)]
		);
		expect(reports.rows).toEqual([{ status: 'actioned', outcome: 'hide' }]);
		const audit = await app.db.query<{ action: string; reason: string }>(
			`SELECT action, reason FROM moderation_actions WHERE target_id = $1`,
			[String(message.id)]
		);
		expect(audit.rows).toEqual([{ action: 'message.hide', reason: 'Propos injurieux' }]);

		await s.staff.moderate({
			targetType: 'message',
			targetId: String(message.id),
			action: 'restore',
			reason: 'Erreur de jugement'
		});
		expect(
			(await app.db.query('SELECT hidden_at FROM messages WHERE id = $1', [message.id])).rows[0]
				.hidden_at
		).toBeNull();
	});

	it('suspending the author signs them out everywhere and drops their sockets at once', async () => {
		const { a, message } = await conversationWithMessage();
		const socketA = app.connect(url, a);
		await nextEvent(socketA, 'connect');
		const ended = nextEvent<{ reason: string }>(socketA, 'session:ended');
		const gone = nextEvent(socketA, 'disconnect');
		const s = await staffCaller();
		const until = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
		await s.staff.moderate({
			targetType: 'message',
			targetId: String(message.id),
			action: 'suspend_user',
			reason: 'Récidive',
			until
		});
		expect((await ended).reason).toBe('suspended');
		await gone;
		expect((await app.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [a.id])).rowCount).toBe(
			0
		);
		const { rows } = await app.db.query<{ status: string; suspended_until: Date }>(
			'SELECT status, suspended_until FROM users WHERE id = $1',
			[a.id]
		);
		expect(rows[0].status).toBe('suspended');
		expect(rows[0].suspended_until.toISOString().slice(0, 10)).toBe(until);
		// The socket cannot come back: the handshake refuses the ended session.
		const again = app.connect(url, a);
		expect((await nextEvent<Error>(again, 'connect_error')).message).toBe('unauthorized');
		// Restored, the person can sign in again.
		await s.staff.moderate({
			targetType: 'user',
			targetId: a.id,
			action: 'restore',
			reason: 'Fin de la sanction'
		});
		await expect(
			(await app.caller(null)).auth.signIn({
				email: a.email,
				password: 'Berkane-Clementine-Harvest-42'
			})
		).resolves.toMatchObject({ id: a.id });
	});

	it('an organization reported by a member is hidden and leaves the directory; then restored', async () => {
		const owner = await app.user();
		const org = await makeOrg(app.db, [owner], 'Coop douteuse');
		const reporter = await app.user();
		await (
			await app.caller(reporter)
		).moderation.report({
			targetType: 'organization',
			targetId: org,
			reason: 'fraud',
			details: 'Faux produits bio'
		});
		const again = await (
			await app.caller(reporter)
		).moderation.report({ targetType: 'organization', targetId: org, reason: 'fraud' });
		expect(again.alreadyReported).toBe(true);
		const s = await staffCaller();
		await s.staff.moderate({
			targetType: 'organization',
			targetId: org,
			action: 'hide',
			reason: 'Fraude avérée'
		});
		expect(
			(await app.db.query(`SELECT status FROM organizations WHERE id = $1`, [org])).rows[0].status
		).toBe('hidden');
		expect(
			(await app.db.query(`SELECT 1 FROM search_outbox WHERE entity_id = $1`, [org])).rowCount
		).toBeGreaterThan(0);
		expect(await kindsOf(reporter)).toEqual(['report.resolved']);
		await s.staff.moderate({
			targetType: 'organization',
			targetId: org,
			action: 'restore',
			reason: 'Contrôle fait'
		});
		expect(
			(await app.db.query(`SELECT status FROM organizations WHERE id = $1`, [org])).rows[0].status
		).toBe('published');
	});

	it('a warning reaches the author; a dismissal closes the reports and tells the reporter', async () => {
		const { a, b, message } = await conversationWithMessage('limite');
		await (await app.caller(b)).chat.report({ messageId: message.id, reason: 'inappropriate' });
		const s = await staffCaller();
		await s.staff.moderate({
			targetType: 'message',
			targetId: String(message.id),
			action: 'warn',
			reason: 'Restez courtois'
		});
		expect(await kindsOf(a)).toContain('moderation.warned');
		await (await app.caller(b)).chat.report({ messageId: message.id, reason: 'spam' });
		await s.staff.moderate({
			targetType: 'message',
			targetId: String(message.id),
			action: 'dismiss',
			reason: 'Pas de spam ici'
		});
		const statuses = (
			await app.db.query<{ status: string }>(
				`SELECT status FROM reports WHERE target_id = $1 ORDER BY id`,
				[String(message.id)]
			)
		).rows.map((r) => r.status);
		expect(statuses).toEqual(['actioned', 'dismissed']);
	});
});

describe('the audit log', () => {
	it('cannot be edited or deleted, and staff filter it', async () => {
		const { message } = await conversationWithMessage();
		const staff = await app.user({ role: 'staff', email: `auditor-${Date.now()}@council.ma` });
		await (
			await app.caller(staff)
		).staff.moderate({
			targetType: 'message',
			targetId: String(message.id),
			action: 'hide',
			reason: 'test'
		});
		await expect(
			app.db.query(`UPDATE moderation_actions SET reason = 'rewritten'`)
		).rejects.toThrow(/append-only/);
		await expect(app.db.query(`DELETE FROM moderation_actions`)).rejects.toThrow(/append-only/);
		const filtered = await (
			await app.caller(staff)
		).staff.audit({ actorEmail: staff.email, page: 1 });
		expect(filtered.entries.map((e) => [e.action, e.target_id])).toEqual([
			['message.hide', String(message.id)]
		]);
		expect(filtered.actions).toContain('message.hide');
	});
});

describe('roles', () => {
	it('admins grant and revoke the staff role, audited; staff cannot', async () => {
		const admin = await app.user({ role: 'admin' });
		const target = await app.user();
		const ad = await app.caller(admin);
		await ad.staff.setStaffRole({ email: target.email, grant: true });
		expect(
			(await app.db.query('SELECT role FROM users WHERE id = $1', [target.id])).rows[0].role
		).toBe('staff');
		await ad.staff.setStaffRole({ email: target.email, grant: false });
		expect(
			(await app.db.query('SELECT role FROM users WHERE id = $1', [target.id])).rows[0].role
		).toBe('member');
		const actions = (
			await app.db.query<{ action: string }>(
				`SELECT action FROM moderation_actions WHERE target_id = $1 ORDER BY id`,
				[target.id]
			)
		).rows.map((r) => r.action);
		expect(actions).toEqual(['user.grant_staff', 'user.revoke_staff']);
	});
});
