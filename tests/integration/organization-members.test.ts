import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import { addMember, makeOrg, rejection } from '../helpers/organizations';
import { hashToken } from '../../src/lib/server/auth/auth.service';
import { localizeError } from '../../src/lib/server/trpc/error-format';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

const roleOf = async (orgId: string, userId: string) =>
	(
		await app.db.query<{ role: string }>(
			'SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2',
			[orgId, userId]
		)
	).rows[0]?.role ?? null;

const tokenOf = (link: string) => link.split('/invitations/')[1];

async function setup() {
	const owner = await app.user();
	const org = await makeOrg(app, owner);
	return { owner, org };
}

describe('invitations', () => {
	it('sends a single-use link; only its SHA-256 is stored; the invitee joins with the invited role', async () => {
		const { owner, org } = await setup();
		const invitee = await app.user({ locale: 'fr' });
		const invited = await (
			await app.caller(owner)
		).organizations.members.invite({
			organizationId: org.id,
			email: invitee.email.toUpperCase(),
			role: 'admin'
		});
		// No SMTP_URL: the inviter gets the link, and the log mailer has it.
		expect(invited.mailed).toBe(false);
		expect(invited.link).toMatch(/^http:\/\/localhost\/invitations\/[a-z2-7]{32}$/);
		const token = tokenOf(invited.link!);
		const mail = app.deps.mailer.outbox.at(-1)!;
		expect(mail.to).toBe(invitee.email);
		expect(mail.text).toContain(invited.link);
		// In the invitee's language (French account), naming the organization.
		expect(mail.subject).toMatch(/^Tashbik : invitation à rejoindre /);
		const { rows } = await app.db.query(
			'SELECT token_hash, email FROM organization_invitations WHERE id = $1',
			[invited.id]
		);
		expect(rows[0]).toEqual({ token_hash: hashToken(token), email: invitee.email });
		const dump = JSON.stringify(
			(await app.db.query('SELECT * FROM organization_invitations')).rows
		);
		expect(dump).not.toContain(token);

		const preview = await (await app.caller(null)).organizations.members.invitation({ token });
		expect(preview).toMatchObject({ state: 'valid', email: invitee.email, role: 'admin' });

		const accepted = await (await app.caller(invitee)).organizations.members.accept({ token });
		expect(accepted).toEqual({ slug: org.slug, role: 'admin' });
		expect(await roleOf(org.id, invitee.id)).toBe('admin');

		// Single use: a second acceptance, even by the same person, is refused.
		const again = await rejection(
			(await app.caller(invitee)).organizations.members.accept({ token })
		);
		expect(again.code).toBe('BAD_REQUEST');
		expect((await (await app.caller(null)).organizations.members.invitation({ token })).state).toBe(
			'used'
		);
	});

	it('refuses an expired or revoked link, and a link opened by another account', async () => {
		const { owner, org } = await setup();
		const invitee = await app.user();
		const caller = await app.caller(owner);
		const invite = () =>
			caller.organizations.members.invite({
				organizationId: org.id,
				email: invitee.email,
				role: 'member'
			});

		const expired = await invite();
		await app.db.query(
			`UPDATE organization_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
			[expired.id]
		);
		const e1 = await rejection(
			(await app.caller(invitee)).organizations.members.accept({ token: tokenOf(expired.link!) })
		);
		expect(localizeError(e1, 'en').messageKey).toBe('org_invitation_invalid');

		const revoked = await invite();
		await caller.organizations.members.revokeInvitation({ organizationId: org.id, id: revoked.id });
		const e2 = await rejection(
			(await app.caller(invitee)).organizations.members.accept({ token: tokenOf(revoked.link!) })
		);
		expect(e2.code).toBe('BAD_REQUEST');

		// Re-inviting replaces the pending link: the first stops working.
		const first = await invite();
		const second = await invite();
		const e3 = await rejection(
			(await app.caller(invitee)).organizations.members.accept({ token: tokenOf(first.link!) })
		);
		expect(e3.code).toBe('BAD_REQUEST');

		const stranger = await app.user();
		const e4 = await rejection(
			(await app.caller(stranger)).organizations.members.accept({ token: tokenOf(second.link!) })
		);
		expect(e4.code).toBe('FORBIDDEN');
		expect(await roleOf(org.id, stranger.id)).toBeNull();
		expect(await roleOf(org.id, invitee.id)).toBeNull();

		const bogus = await rejection(
			(await app.caller(null)).organizations.members.invitation({ token: 'a'.repeat(32) })
		);
		expect(bogus.code).toBe('NOT_FOUND');
	});

	it('only owners and admins invite; admins cannot make owners; members are not invited twice', async () => {
		const { owner, org } = await setup();
		const [admin, member, outsider] = await Promise.all([app.user(), app.user(), app.user()]);
		await addMember(app, org.id, admin, 'admin');
		await addMember(app, org.id, member, 'member');
		const invite = async (u: TestUser, email: string, role: 'owner' | 'admin' | 'member') =>
			(await app.caller(u)).organizations.members.invite({ organizationId: org.id, email, role });

		expect((await rejection(invite(member, 'x@example.ma', 'member'))).code).toBe('FORBIDDEN');
		expect((await rejection(invite(outsider, 'x@example.ma', 'member'))).code).toBe('NOT_FOUND');
		expect((await rejection(invite(admin, 'x@example.ma', 'owner'))).code).toBe('FORBIDDEN');
		await invite(admin, 'x@example.ma', 'admin');
		const dup = await rejection(invite(owner, member.email, 'admin'));
		expect(dup.code).toBe('CONFLICT');
		expect(Object.keys(localizeError(dup, 'en').fieldErrors!)).toEqual(['email']);
		const bad = await rejection(invite(owner, 'not-an-address', 'admin'));
		expect(Object.keys(localizeError(bad, 'en').fieldErrors!)).toEqual(['email']);
	});
});

describe('roles and the last owner', () => {
	it('the last owner can neither leave nor be demoted; with a second owner both become possible', async () => {
		const { owner, org } = await setup();
		const c = await app.caller(owner);
		const leave = await rejection(
			c.organizations.members.remove({ organizationId: org.id, userId: owner.id })
		);
		expect(leave.code).toBe('CONFLICT');
		expect(localizeError(leave, 'fr').message).toBe(
			'C’est le dernier propriétaire de l’organisation : nommez d’abord un autre propriétaire.'
		);
		const demote = await rejection(
			c.organizations.members.setRole({ organizationId: org.id, userId: owner.id, role: 'admin' })
		);
		expect(demote.code).toBe('CONFLICT');
		expect(await roleOf(org.id, owner.id)).toBe('owner');

		const second = await app.user();
		await addMember(app, org.id, second, 'member');
		await c.organizations.members.setRole({
			organizationId: org.id,
			userId: second.id,
			role: 'owner'
		});
		await c.organizations.members.setRole({
			organizationId: org.id,
			userId: owner.id,
			role: 'member'
		});
		expect(await roleOf(org.id, owner.id)).toBe('member');
		// Now a plain member, the former owner can no longer manage anyone.
		const err = await rejection(
			(await app.caller(owner)).organizations.members.setRole({
				organizationId: org.id,
				userId: second.id,
				role: 'member'
			})
		);
		expect(err.code).toBe('FORBIDDEN');
		await (
			await app.caller(owner)
		).organizations.members.remove({
			organizationId: org.id,
			userId: owner.id
		});
		expect(await roleOf(org.id, owner.id)).toBeNull();
	});

	it('two owners demoting each other at once leave one owner, never none', async () => {
		const { owner, org } = await setup();
		const other = await app.user();
		await addMember(app, org.id, other, 'owner');
		const results = await Promise.allSettled([
			(await app.caller(owner)).organizations.members.setRole({
				organizationId: org.id,
				userId: other.id,
				role: 'member'
			}),
			(await app.caller(other)).organizations.members.setRole({
				organizationId: org.id,
				userId: owner.id,
				role: 'member'
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const { rows } = await app.db.query(
			`SELECT count(*)::int AS n FROM organization_members WHERE organization_id = $1 AND role = 'owner'`,
			[org.id]
		);
		expect(rows[0].n).toBe(1);
	});

	it('admins manage members but not owners; members only leave; outsiders see nothing', async () => {
		const { owner, org } = await setup();
		const [admin, member, outsider] = await Promise.all([app.user(), app.user(), app.user()]);
		await addMember(app, org.id, admin, 'admin');
		await addMember(app, org.id, member, 'member');
		type Caller = Awaited<ReturnType<typeof app.caller>>;
		const codeOf = async (p: Promise<unknown>) => (await rejection(p)).code;
		const remove = (c: Caller, userId: string) =>
			c.organizations.members.remove({ organizationId: org.id, userId });
		const setRole = (c: Caller, userId: string, role: 'owner' | 'admin' | 'member') =>
			c.organizations.members.setRole({ organizationId: org.id, userId, role });

		const a = await app.caller(admin);
		expect(await codeOf(remove(a, owner.id))).toBe('FORBIDDEN');
		expect(await codeOf(setRole(a, member.id, 'owner'))).toBe('FORBIDDEN');
		await setRole(a, member.id, 'admin');
		await setRole(a, member.id, 'member');

		const mm = await app.caller(member);
		expect(await codeOf(remove(mm, admin.id))).toBe('FORBIDDEN');
		const list = await mm.organizations.members.list({ organizationId: org.id });
		// Members see who belongs, not their addresses, nor the pending invitations.
		expect(list.members.find((x) => x.userId === owner.id)?.email).toBeNull();
		expect(list.members.find((x) => x.userId === member.id)?.email).toBe(member.email);
		expect(list.invitations).toEqual([]);
		const o = await app.caller(outsider);
		expect(await codeOf(o.organizations.members.list({ organizationId: org.id }))).toBe(
			'NOT_FOUND'
		);
		expect(await codeOf(remove(o, member.id))).toBe('NOT_FOUND');

		await remove(mm, member.id);
		await remove(a, admin.id);
		expect(await roleOf(org.id, member.id)).toBeNull();
		expect(await roleOf(org.id, admin.id)).toBeNull();
	});
});
