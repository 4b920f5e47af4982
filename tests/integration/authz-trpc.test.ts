import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { createTestApp, GOOD_PASSWORD, type TestApp, type TestUser } from '../helpers/test-app';
import { callPath, outcome, procedurePaths, type Outcome } from '../helpers/procedures';
import { buildAuthzWorld, freshSession, type AuthzWorld } from '../helpers/authz-world';
import { addMember, coopInput } from '../helpers/organizations';

/**
 * The authorization matrix of the tRPC API. Every procedure, enumerated from the router (a new one
 * without an entry here fails the first test), is called as a visitor, as a member of another
 * organization (Bob), as a member of the organization that owns the private thing (Alice) and as
 * staff, with input aimed at that private thing: a draft organization, a pending connection, a
 * conversation, a cluster still forming, a verification request... Each answer must be the expected
 * one, and no answer to a visitor or to Bob may contain the world's private texts.
 */
type Actor = 'visitor' | 'outsider' | 'member' | 'staff';
const ACTORS: Actor[] = ['visitor', 'outsider', 'member', 'staff'];
/** OK; DENY = FORBIDDEN or NOT_FOUND (both refuse; NOT_FOUND also hides that it exists). */
type Expect =
	'OK' | 'DENY' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT';
interface Entry {
	input: (w: AuthzWorld, actor: Actor) => unknown;
	expect: [visitor: Expect, outsider: Expect, member: Expect, staff: Expect];
}

const U = 'UNAUTHORIZED' as const;
/** Procedures on the caller's own account or inbox: any signed-in user, nobody else's data. */
const self = (input: Entry['input'] = () => undefined): Entry => ({
	input,
	expect: [U, 'OK', 'OK', 'OK']
});
/** Procedures of the organization's members only. */
const members = (input: Entry['input'], member: Expect = 'OK'): Entry => ({
	input,
	expect: [U, 'DENY', member, 'DENY']
});
/** The staff console. */
const staffOnly = (input: Entry['input'] = () => ({}), staff: Expect = 'OK'): Entry => ({
	input,
	expect: [U, 'FORBIDDEN', 'FORBIDDEN', staff]
});
const everyone = (input: Entry['input'] = () => ({})): Entry => ({
	input,
	expect: ['OK', 'OK', 'OK', 'OK']
});

let app: TestApp;
let w: AuthzWorld;
let amir: TestUser;
const PNG_NOT_REALLY = new Uint8Array([1, 2, 3, 4]);
const rand = () => randomBytes(4).toString('hex');
/** Alice sends at most 5 messages a second; calls that send pause first. */
const pace = () => new Promise((r) => setTimeout(r, 300));

const proposal = (orgId: string) => ({
	organizationId: orgId,
	nameFr: `Grappe ${rand()}`,
	sectorCode: 'agriculture',
	provinces: []
});
// A fresh session: signOutOtherSessions ends the others.
const aliceCaller = () => callerFor('member');

const MATRIX: Record<string, Entry> = {
	// Accounts and sessions.
	'auth.signUp': everyone(() => ({
		email: `new-${rand()}@example.test`,
		password: GOOD_PASSWORD,
		displayName: 'New',
		locale: 'fr'
	})),
	'auth.signIn': {
		input: (w) => ({ email: w.users.alice.email, password: 'not-her-password' }),
		expect: [U, U, U, U]
	},
	'auth.me': everyone(() => undefined),
	'auth.signOut': self(),
	'auth.setLocale': everyone(() => ({ locale: 'fr' })),
	'auth.requestPasswordReset': everyone((w) => ({ email: w.users.alice.email })),
	'auth.resetPassword': {
		input: () => ({ token: 'a'.repeat(40), password: GOOD_PASSWORD }),
		expect: ['BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']
	},
	'account.changePassword': {
		input: () => ({ currentPassword: 'not-the-password', newPassword: `${GOOD_PASSWORD}!` }),
		expect: [U, 'BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']
	},
	'account.changeEmail': {
		input: (w) => ({ currentPassword: 'not-the-password', newEmail: w.users.alice.email }),
		expect: [U, 'BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']
	},
	'account.signOutOtherSessions': self(),
	'account.twoFactorStatus': self(),
	'account.beginTwoFactorSetup': { input: () => undefined, expect: [U, 'OK', 'OK', 'CONFLICT'] },
	'account.confirmTwoFactorSetup': {
		input: () => ({ code: '000000' }),
		expect: [U, 'BAD_REQUEST', 'BAD_REQUEST', 'CONFLICT']
	},
	'account.regenerateRecoveryCodes': {
		input: () => undefined,
		expect: [U, 'CONFLICT', 'CONFLICT', 'OK']
	},
	'account.verifySecondFactor': { input: () => ({ code: '000000' }), expect: [U, U, U, U] },
	'health.check': everyone(() => undefined),

	// Organizations.
	'organizations.create': self(() => coopInput()),
	'organizations.update': members((w) => ({
		id: w.orgA.id,
		...coopInput({ contactEmail: `${w.contact}@example.ma` })
	})),
	'organizations.setStatus': members((w) => ({ id: w.orgA.id, status: 'published' })),
	'organizations.setLogo': members((w) => ({ id: w.orgA.id, file: PNG_NOT_REALLY }), 'BAD_REQUEST'),
	'organizations.removeLogo': members((w) => ({ id: w.orgA.id })),
	'organizations.delete': members(async (w) => ({ id: (await w.freshOrg(w.users.alice)).id })),
	'organizations.bySlug': {
		input: (w) => ({ slug: w.orgDraft.slug }),
		expect: ['NOT_FOUND', 'NOT_FOUND', 'OK', 'OK']
	},
	'organizations.forEdit': members((w) => ({ slug: w.orgDraft.slug })),
	'organizations.mine': self(),
	'organizations.listings.list': members((w) => ({ organizationId: w.orgDraft.id })),
	'organizations.listings.create': members((w) => ({
		organizationId: w.orgA.id,
		kind: 'need',
		category: 'honey',
		title: { ar: 'عسل', fr: null, en: null }
	})),
	'organizations.listings.update': members((w) => ({
		organizationId: w.orgA.id,
		id: w.listing.id,
		kind: 'offer',
		category: 'honey',
		title: { ar: 'عسل', fr: null, en: null }
	})),
	'organizations.listings.delete': members(async (w) => {
		const listing = await (
			await aliceCaller()
		).organizations.listings.create({
			organizationId: w.orgA.id,
			kind: 'offer',
			category: 'dates',
			title: { ar: 'تمر', fr: null, en: null }
		} as never);
		return { organizationId: w.orgA.id, id: listing.id };
	}),
	'organizations.members.list': members((w) => ({ organizationId: w.orgA.id })),
	'organizations.members.invite': members((w) => ({
		organizationId: w.orgA.id,
		email: `someone-${rand()}@example.test`,
		role: 'member'
	})),
	'organizations.members.revokeInvitation': members(async (w) => {
		const inv = await (
			await aliceCaller()
		).organizations.members.invite({
			organizationId: w.orgA.id,
			email: `someone-${rand()}@example.test`,
			role: 'member'
		});
		return { organizationId: w.orgA.id, id: inv.id };
	}),
	'organizations.members.setRole': members((w) => ({
		organizationId: w.orgA.id,
		userId: amir.id,
		role: 'member'
	})),
	'organizations.members.remove': members(async (w) => {
		const leaver = await app.user();
		await addMember(app, w.orgA.id, leaver, 'member');
		return { organizationId: w.orgA.id, userId: leaver.id };
	}),
	'organizations.members.invitation': {
		input: () => ({ token: 'a'.repeat(32) }),
		expect: ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']
	},
	'organizations.members.accept': {
		input: () => ({ token: 'a'.repeat(32) }),
		expect: [U, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']
	},

	// Clusters.
	'clusters.list': everyone(),
	'clusters.search': everyone((w) => ({ q: w.secret })),
	'clusters.suggestionsFor': members((w) => ({ organizationId: w.orgA.id })),
	'clusters.get': {
		input: (w) => ({ idOrSlug: w.cluster.id }),
		expect: ['NOT_FOUND', 'NOT_FOUND', 'OK', 'OK']
	},
	'clusters.mine': self(),
	'clusters.propose': members((w) => proposal(w.orgA.id)),
	'clusters.invite': members((w) => ({
		clusterId: w.cluster.id,
		organizationId: w.orgA.id,
		targetOrgId: w.orgD.id
	})),
	// By design a forming cluster takes requests from whoever has its id (an invitation and a
	// request may cross, see clusters.test.ts); the answer carries nothing of the cluster.
	'clusters.requestToJoin': {
		input: (w) => ({ clusterId: w.cluster.id, organizationId: w.orgB.id }),
		expect: [U, 'OK', 'DENY', 'DENY']
	},
	'clusters.respondToInvitation': members(
		(w) => ({ clusterId: w.cluster.id, organizationId: w.orgA.id, accept: true }),
		'NOT_FOUND'
	),
	'clusters.decideRequest': members(
		(w) => ({
			clusterId: w.cluster.id,
			organizationId: w.orgA.id,
			targetOrgId: w.orgC.id,
			accept: true
		}),
		'NOT_FOUND'
	),
	'clusters.leave': members(
		(w) => ({ clusterId: w.cluster.id, organizationId: w.orgA.id }),
		'CONFLICT'
	),
	'clusters.remove': members(
		(w) => ({ clusterId: w.cluster.id, organizationId: w.orgA.id, targetOrgId: w.orgC.id }),
		'NOT_FOUND'
	),
	'clusters.transferCoordination': members(
		(w) => ({ clusterId: w.cluster.id, organizationId: w.orgA.id, targetOrgId: w.orgC.id }),
		'CONFLICT'
	),
	'clusters.submit': members(
		(w) => ({ clusterId: w.cluster.id, organizationId: w.orgA.id }),
		'CONFLICT'
	),
	'clusters.archive': members(async (w) => {
		const c = await (await aliceCaller()).clusters.propose(proposal(w.orgA.id));
		return { clusterId: c.id, organizationId: w.orgA.id, reason: 'no longer' };
	}),
	'clusters.reviewQueue': staffOnly(),
	'clusters.approve': staffOnly((w) => ({ clusterId: w.cluster.id }), 'CONFLICT'),
	'clusters.returnToForming': staffOnly(
		(w) => ({ clusterId: w.cluster.id, reason: 'not yet' }),
		'CONFLICT'
	),
	'clusters.archiveAsStaff': staffOnly(async (w) => {
		const c = await (await aliceCaller()).clusters.propose(proposal(w.orgA.id));
		return { clusterId: c.id, reason: 'duplicate' };
	}),

	// Staff console.
	'staff.queues': staffOnly(() => undefined),
	'staff.verificationQueue': staffOnly(),
	'staff.verificationRequest': staffOnly((w) => ({ id: w.verification.id })),
	'staff.decideVerification': staffOnly(
		(w) => ({ id: w.verification.id, decision: 'reject', reason: 'illegible' }),
		'OK'
	),
	'staff.revokeVerification': staffOnly(
		(w) => ({ organizationId: w.orgB.id, reason: 'wrong number' }),
		'OK'
	),
	'staff.reportQueue': staffOnly(),
	'staff.reportTarget': staffOnly((w) => ({ targetType: 'organization', targetId: w.orgB.id })),
	'staff.moderate': staffOnly((w) => ({
		targetType: 'organization',
		targetId: w.orgB.id,
		action: 'warn',
		reason: 'please fix the profile'
	})),
	'staff.audit': staffOnly(),
	'staff.observatory': staffOnly(),
	'staff.listStaff': { input: () => undefined, expect: [U, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'] },
	'staff.setStaffRole': {
		input: (w) => ({ email: w.users.bob.email, grant: true }),
		expect: [U, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']
	},
	'observatory.get': everyone(),
	'moderation.report': {
		input: (w) => ({ targetType: 'organization', targetId: w.orgDraft.id, reason: 'spam' }),
		expect: [U, 'NOT_FOUND', 'OK', 'OK']
	},

	// Chat.
	'chat.inbox': self(),
	'chat.unreadCount': self(),
	'chat.conversation': members((w) => ({ conversationId: w.conversationId })),
	'chat.history': members((w) => ({ conversationId: w.conversationId })),
	'chat.after': members((w) => ({ conversationId: w.conversationId, afterId: 0 })),
	'chat.send': members(
		async (w) => (
			await pace(),
			{
				conversationId: w.conversationId,
				clientId: randomUUID(),
				body: 'bonjour'
			}
		)
	),
	'chat.markRead': members((w) => ({
		conversationId: w.conversationId,
		messageId: w.message.id
	})),
	'chat.edit': members((w) => ({ messageId: w.message.id, body: `chat ${w.secret}` })),
	'chat.delete': members(async (w) => {
		await pace();
		const m = await (
			await aliceCaller()
		).chat.send({ conversationId: w.conversationId, clientId: randomUUID(), body: 'oops' });
		return { messageId: m.id };
	}),
	'chat.directStatus': {
		input: (w) => ({ organizationId: w.orgDraft.id }),
		expect: ['NOT_FOUND', 'NOT_FOUND', 'OK', 'OK']
	},
	'chat.openDirect': members((w) => ({
		organizationId: w.orgD.id,
		fromOrganizationId: w.orgA.id
	})),
	'chat.report': members((w) => ({ messageId: w.message.id, reason: 'spam' }), 'BAD_REQUEST'),
	'chat.hide': staffOnly(async (w) => {
		await pace();
		const m = await (
			await aliceCaller()
		).chat.send({ conversationId: w.conversationId, clientId: randomUUID(), body: 'rude' });
		return { messageId: m.id, reason: 'abuse' };
	}),

	// Matching and connections.
	'matching.organization': members((w) => ({ slug: w.orgDraft.slug })),
	'matching.suggestions': members((w) => ({ organizationId: w.orgA.id })),
	'matching.dismiss': members((w) => ({ organizationId: w.orgA.id, targetId: w.orgC.id })),
	'matching.undoDismiss': members((w) => ({ organizationId: w.orgA.id, targetId: w.orgC.id })),
	'matching.dismissals': members((w) => ({ organizationId: w.orgA.id })),
	'connections.request': members((w) => ({ fromOrgId: w.orgA.id, toOrgId: w.orgB.id })),
	'connections.accept': members((w) => ({ connectionId: w.pending.id }), 'FORBIDDEN'),
	'connections.decline': members((w) => ({ connectionId: w.pending.id }), 'FORBIDDEN'),
	'connections.withdraw': members(async (w) => {
		const from = await w.freshOrg(w.users.alice);
		const c = await (
			await aliceCaller()
		).connections.request({ fromOrgId: from.id, toOrgId: w.orgC.id });
		return { connectionId: c.id };
	}),
	'connections.list': members((w) => ({ organizationId: w.orgA.id, box: 'sent' })),
	'connections.between': members((w) => ({ organizationId: w.orgA.id, otherOrgId: w.orgC.id })),
	'connections.myOrganizations': self(),
	'notifications.unreadCount': self(),
	'notifications.list': self(() => ({})),
	'notifications.markRead': self((w) => ({ ids: w.notificationIds })),
	'notifications.markAllRead': self(),
	'search.organizations': everyone((w) => ({ q: w.secret }))
};

beforeAll(async () => {
	app = await createTestApp();
	w = await buildAuthzWorld(app);
	amir = await app.user();
	await addMember(app, w.orgA.id, amir, 'member');
});
afterAll(() => app?.close());

/** A fresh session per call: some procedures end the session they run in. */
async function callerFor(actor: Actor) {
	const user = {
		visitor: null,
		outsider: w.users.bob,
		member: w.users.alice,
		staff: w.users.staff
	}[actor];
	if (!user) return app.caller(null);
	return app.caller({ ...user, sessionId: await freshSession(app, user) });
}

function matches(result: Outcome, expected: Expect) {
	if (expected === 'OK') return result.ok;
	if (result.ok) return false;
	if (expected === 'DENY') return result.code === 'FORBIDDEN' || result.code === 'NOT_FOUND';
	return result.code === expected;
}

const describeOutcome = (r: Outcome) =>
	r.ok
		? 'OK'
		: `${r.code} (${r.error.message}${r.error.cause ? `: ${String(r.error.cause)}` : ''})`;

describe('the tRPC authorization matrix', () => {
	it('has an entry for every procedure of the router, and none for a procedure that is gone', () => {
		expect(Object.keys(MATRIX).sort()).toEqual(procedurePaths);
	});

	it.each(procedurePaths.filter((p) => MATRIX[p]))('%s', async (path) => {
		const entry = MATRIX[path];
		const got: string[] = [];
		for (const [i, actor] of ACTORS.entries()) {
			const input = await entry.input(w, actor);
			const result = await outcome(callPath(await callerFor(actor), path, input));
			got.push(`${actor}: ${describeOutcome(result)}`);
			expect(
				matches(result, entry.expect[i]),
				`${path} as ${actor}: expected ${entry.expect[i]}, got ${describeOutcome(result)}`
			).toBe(true);
			if (result.ok && (actor === 'visitor' || actor === 'outsider')) {
				const text = JSON.stringify(result.data) ?? '';
				expect(text, `${path} leaked a private text to the ${actor}`).not.toContain(w.secret);
				if (actor === 'visitor')
					expect(text, `${path} leaked contact details to a visitor`).not.toContain(w.contact);
			}
		}
	});
});
