import { randomBytes, randomUUID } from 'node:crypto';
import type { TestApp, TestUser } from './test-app';
import { makeOrg } from './organizations';
import { validateSession } from '../../src/lib/server/auth/auth.service';
import { requestVerification } from '../../src/lib/server/verification/verification.service';

/**
 * A small world with one organization's private things in it, for authorization tests. Alice
 * (member) owns organization A; Bob (outsider) owns B, unrelated to A; staff are council staff.
 * Every private text carries `secret` (and the contact details, private to visitors, `contact`),
 * so a test can look for them in any answer given to someone who must not see them.
 */
export async function buildAuthzWorld(app: TestApp) {
	const tag = randomBytes(5).toString('hex');
	const secret = `prv${tag}`;
	const contact = `vis${tag}`;
	const [alice, bob, dave, carol, staff, admin] = await Promise.all([
		app.user({ email: `alice-${secret}@example.test`, displayName: 'Alice' }),
		app.user({ displayName: 'Bob' }),
		app.user({ email: `dave-${secret}@example.test`, displayName: 'Dave' }),
		app.user({ email: `carol-${secret}@example.test`, displayName: 'Carol' }),
		app.user({ role: 'staff' }),
		app.user({ role: 'admin' })
	]);
	const as = (u: TestUser) => app.caller(u);
	const a = await as(alice);

	const orgA = await makeOrg(app, alice, {
		input: { contactEmail: `${contact}@example.ma`, contactPhone: '+212 6 99 88 77 66' }
	});
	const orgDraft = await makeOrg(app, alice, {
		status: 'draft',
		input: {
			name: { ar: null, fr: 'Brouillon', en: null },
			description: { ar: null, fr: `Projet ${secret}`, en: null }
		}
	});
	const orgB = await makeOrg(app, bob);
	const orgC = await makeOrg(app, carol);
	const orgD = await makeOrg(app, dave);

	// A connection A–D (accepted) with a conversation; a pending request A → C.
	const accepted = await a.connections.request({
		fromOrgId: orgA.id,
		toOrgId: orgD.id,
		message: `hello ${secret}`
	});
	await (await as(dave)).connections.accept({ connectionId: accepted.id });
	const pending = await a.connections.request({
		fromOrgId: orgA.id,
		toOrgId: orgC.id,
		message: `pending ${secret}`
	});
	const { conversationId } = await a.chat.openDirect({
		organizationId: orgD.id,
		fromOrganizationId: orgA.id
	});
	const message = await a.chat.send({
		conversationId,
		clientId: randomUUID(),
		body: `chat ${secret}`
	});

	// A cluster still forming, coordinated by A.
	const cluster = await a.clusters.propose({
		organizationId: orgA.id,
		nameFr: 'Grappe du miel',
		purposeFr: `Projet ${secret}`,
		sectorCode: 'agriculture',
		provinces: []
	});
	const clusterConversation = (
		await app.db.query<{ id: string }>('SELECT id FROM conversations WHERE cluster_id = $1', [
			cluster.id
		])
	).rows[0].id;

	// A dismissed suggestion, an invitation, an offer, a verification request with a document,
	// a report.
	await a.matching.dismiss({ organizationId: orgA.id, targetId: orgB.id });
	const invitation = await a.organizations.members.invite({
		organizationId: orgA.id,
		email: `invitee-${secret}@example.test`,
		role: 'member'
	});
	const listing = await a.organizations.listings.create({
		organizationId: orgA.id,
		kind: 'offer',
		category: 'honey',
		title: { ar: 'عسل', fr: null, en: null }
	} as never);
	const aliceUser = (await validateSession(app.deps, alice.sessionId))!.user;
	const verification = await requestVerification(app.deps, aliceUser, {
		organizationId: orgA.id,
		registrationNumber: 'ODCO-2020-1',
		note: `note ${secret}`,
		document: new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
	});
	await (
		await as(carol)
	).moderation.report({
		targetType: 'organization',
		targetId: orgB.id,
		reason: 'spam',
		details: `report ${secret}`
	});
	const notificationIds = (
		await app.db.query<{ id: number }>('SELECT id FROM notifications WHERE user_id = $1', [
			alice.id
		])
	).rows.map((r) => r.id);

	return {
		secret,
		contact,
		users: { alice, bob, dave, carol, staff, admin },
		orgA,
		orgDraft,
		orgB,
		orgC,
		orgD,
		accepted,
		pending,
		conversationId,
		message,
		cluster,
		clusterConversation,
		invitation,
		listing,
		verification,
		notificationIds,
		/** A fresh organization owned by the user, for calls that change or delete things. */
		freshOrg: async (owner: TestUser, status: 'draft' | 'published' = 'published') =>
			makeOrg(app, { ...owner, sessionId: await freshSession(app, owner) }, { status })
	};
}

/** A new session for the user (tests that sign out or end other sessions need one per call). */
export async function freshSession(app: TestApp, user: TestUser) {
	const session = await app.deps.lucia.createSession(user.id, {
		created_at: new Date(),
		ip: null,
		user_agent: null,
		two_factor_verified: true
	});
	return session.id;
}

export type AuthzWorld = Awaited<ReturnType<typeof buildAuthzWorld>>;
