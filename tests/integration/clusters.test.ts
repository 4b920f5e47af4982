import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { insertOrg, addMember } from '../helpers/orgs';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

async function code(p: Promise<unknown>) {
	try {
		await p;
	} catch (err) {
		if (err instanceof TRPCError) return err.code;
		throw err;
	}
	return 'OK';
}

/** A coordinator cooperative and three others, each with an owner. */
async function setup() {
	const people = await Promise.all([app.user(), app.user(), app.user(), app.user()]);
	const orgs = await Promise.all(
		people.map((p, i) => insertOrg(app, p, { name: `Coopérative ${i}` }))
	);
	const as = (i: number) => app.caller(people[i]);
	const cluster = await (
		await as(0)
	).clusters.propose({
		organizationId: orgs[0].id,
		nameFr: 'Cluster couscous de Taourirt',
		purposeFr: 'Emballage et vente en commun',
		sectorCode: 'agrifood',
		chainCode: 'couscous_cereals',
		provinces: ['taourirt']
	});
	return { people, orgs, as, cluster };
}

async function statusOf(clusterId: string) {
	return (
		await app.db.query<{ status: string }>('SELECT status FROM clusters WHERE id = $1', [clusterId])
	).rows[0].status;
}

describe('cluster lifecycle', () => {
	it('forming -> submitted (3 active members) -> active (staff), each step in the history', async () => {
		const { people, orgs, as, cluster } = await setup();
		expect(cluster.slug).toBe('cluster-couscous-de-taourirt');
		const c0 = await as(0);
		// Too few members to submit.
		expect(
			await code(c0.clusters.submit({ clusterId: cluster.id, organizationId: orgs[0].id }))
		).toBe('CONFLICT');
		await c0.clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[1].id
		});
		await (
			await as(1)
		).clusters.respondToInvitation({
			clusterId: cluster.id,
			organizationId: orgs[1].id,
			accept: true
		});
		await (
			await as(2)
		).clusters.requestToJoin({
			clusterId: cluster.id,
			organizationId: orgs[2].id,
			message: 'Nous emballons'
		});
		await c0.clusters.decideRequest({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[2].id,
			accept: true
		});
		await c0.clusters.submit({ clusterId: cluster.id, organizationId: orgs[0].id });
		expect(await statusOf(cluster.id)).toBe('submitted');

		const staff = await app.user({ role: 'staff' });
		const s = await app.caller(staff);
		expect((await s.clusters.reviewQueue()).map((c) => c.id)).toContain(cluster.id);
		await s.clusters.returnToForming({
			clusterId: cluster.id,
			reason: 'Précisez le rôle de chaque coopérative'
		});
		expect(await statusOf(cluster.id)).toBe('forming');
		await c0.clusters.submit({ clusterId: cluster.id, organizationId: orgs[0].id });
		await s.clusters.approve({ clusterId: cluster.id });
		expect(await statusOf(cluster.id)).toBe('active');

		const view = await (await app.caller(null)).clusters.get({ idOrSlug: cluster.slug });
		expect(view.members.map((m) => m.organization_id).sort()).toEqual(
			[orgs[0].id, orgs[1].id, orgs[2].id].sort()
		);
		const history = view.events.map((e) => [e.event, e.to_status, e.reason]);
		expect(history).toEqual([
			['proposed', 'forming', null],
			['invitation_accepted', null, null],
			['request_accepted', null, null],
			['submitted', 'submitted', null],
			['returned', 'forming', 'Précisez le rôle de chaque coopérative'],
			['submitted', 'submitted', null],
			['approved', 'active', null]
		]);
		expect(view.events.every((e) => e.created_at instanceof Date && e.actor_user_id)).toBe(true);
		// The staff decision is in the audit log too.
		const audit = await app.db.query(
			`SELECT action FROM moderation_actions WHERE target_id = $1 ORDER BY id`,
			[cluster.id]
		);
		expect(audit.rows.map((r) => r.action)).toEqual(['cluster.return', 'cluster.approve']);
		// The coordinator was notified of both decisions.
		const notes = await app.db.query(
			`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY id`,
			[people[0].id]
		);
		expect(notes.rows.map((r) => r.kind)).toEqual(
			expect.arrayContaining(['cluster.returned', 'cluster.approved', 'cluster.joined'])
		);
	});

	it('members leave; the coordinator hands over before leaving; the cluster is archived at the end', async () => {
		const { orgs, as, cluster } = await setup();
		const c0 = await as(0);
		for (const i of [1, 2]) {
			await c0.clusters.invite({
				clusterId: cluster.id,
				organizationId: orgs[0].id,
				targetOrgId: orgs[i].id
			});
			await (
				await as(i)
			).clusters.respondToInvitation({
				clusterId: cluster.id,
				organizationId: orgs[i].id,
				accept: true
			});
		}
		expect(
			await code(c0.clusters.leave({ clusterId: cluster.id, organizationId: orgs[0].id }))
		).toBe('CONFLICT');
		await c0.clusters.transferCoordination({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[1].id
		});
		await c0.clusters.leave({ clusterId: cluster.id, organizationId: orgs[0].id });
		const c1 = await as(1);
		await c1.clusters.remove({
			clusterId: cluster.id,
			organizationId: orgs[1].id,
			targetOrgId: orgs[2].id,
			message: 'Inactive'
		});
		const members = await app.db.query<{ organization_id: string; status: string; role: string }>(
			'SELECT organization_id, status, role FROM cluster_members WHERE cluster_id = $1 ORDER BY organization_id',
			[cluster.id]
		);
		expect(
			Object.fromEntries(members.rows.map((r) => [r.organization_id, `${r.status}/${r.role}`]))
		).toEqual({
			[orgs[0].id]: 'left/member',
			[orgs[1].id]: 'active/coordinator',
			[orgs[2].id]: 'removed/member'
		});
		await c1.clusters.archive({
			clusterId: cluster.id,
			organizationId: orgs[1].id,
			reason: 'Objectif atteint'
		});
		expect(await statusOf(cluster.id)).toBe('archived');
		expect(
			await code(
				c1.clusters.invite({
					clusterId: cluster.id,
					organizationId: orgs[1].id,
					targetOrgId: orgs[3].id
				})
			)
		).toBe('CONFLICT');
	});

	it('an invitation crossed by a request (or the reverse) makes the organization a member', async () => {
		const { orgs, as, cluster } = await setup();
		await (
			await as(1)
		).clusters.requestToJoin({ clusterId: cluster.id, organizationId: orgs[1].id });
		const res = await (
			await as(0)
		).clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[1].id
		});
		expect(res.status).toBe('active');
	});

	it('writes a search outbox row with every change', async () => {
		const { orgs, as, cluster } = await setup();
		const count = async () =>
			(
				await app.db.query<{ n: number }>(
					`SELECT count(*)::int AS n FROM search_outbox WHERE entity = 'cluster' AND entity_id = $1`,
					[cluster.id]
				)
			).rows[0].n;
		const before = await count();
		await (
			await as(0)
		).clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[1].id
		});
		expect(await count()).toBe(before + 1);
	});
});

describe('cluster authorization', () => {
	it('only the coordinator invites, accepts and removes; only owners and admins act for an organization', async () => {
		const { people, orgs, as, cluster } = await setup();
		const outsider = await app.user();
		const o = await app.caller(outsider);
		// Someone who is not a manager of the coordinating organization, claiming to act for it.
		expect(
			await code(
				o.clusters.invite({
					clusterId: cluster.id,
					organizationId: orgs[0].id,
					targetOrgId: orgs[1].id
				})
			)
		).toBe('NOT_FOUND');
		// A manager of another organization, trying to coordinate.
		const c1 = await as(1);
		expect(
			await code(
				c1.clusters.invite({
					clusterId: cluster.id,
					organizationId: orgs[1].id,
					targetOrgId: orgs[2].id
				})
			)
		).toBe('FORBIDDEN');
		await c1.clusters.requestToJoin({ clusterId: cluster.id, organizationId: orgs[1].id });
		expect(
			await code(
				c1.clusters.decideRequest({
					clusterId: cluster.id,
					organizationId: orgs[1].id,
					targetOrgId: orgs[1].id,
					accept: true
				})
			)
		).toBe('FORBIDDEN');
		// A plain member (not owner/admin) of the coordinating organization.
		const plain = await app.user();
		await addMember(app, orgs[0].id, plain, 'member');
		const p = await app.caller(plain);
		expect(
			await code(
				p.clusters.decideRequest({
					clusterId: cluster.id,
					organizationId: orgs[0].id,
					targetOrgId: orgs[1].id,
					accept: true
				})
			)
		).toBe('FORBIDDEN');
		expect(
			await code(
				p.clusters.remove({
					clusterId: cluster.id,
					organizationId: orgs[0].id,
					targetOrgId: orgs[1].id
				})
			)
		).toBe('FORBIDDEN');
		// Accepting an invitation is for the invited organization's managers only.
		await (
			await as(0)
		).clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[3].id
		});
		expect(
			await code(
				o.clusters.respondToInvitation({
					clusterId: cluster.id,
					organizationId: orgs[3].id,
					accept: true
				})
			)
		).toBe('NOT_FOUND');
		expect(people.length).toBe(4);
	});

	it('only staff approve; visitors and members cannot', async () => {
		const { orgs, as, cluster } = await setup();
		const c0 = await as(0);
		for (const i of [1, 2]) {
			await c0.clusters.invite({
				clusterId: cluster.id,
				organizationId: orgs[0].id,
				targetOrgId: orgs[i].id
			});
			await (
				await as(i)
			).clusters.respondToInvitation({
				clusterId: cluster.id,
				organizationId: orgs[i].id,
				accept: true
			});
		}
		await c0.clusters.submit({ clusterId: cluster.id, organizationId: orgs[0].id });
		expect(await code(c0.clusters.approve({ clusterId: cluster.id }))).toBe('FORBIDDEN');
		expect(await code((await app.caller(null)).clusters.approve({ clusterId: cluster.id }))).toBe(
			'UNAUTHORIZED'
		);
		expect(await code(c0.clusters.reviewQueue())).toBe('FORBIDDEN');
		expect(await statusOf(cluster.id)).toBe('submitted');
	});

	it('outsiders cannot see a forming cluster, nor anyone its invitations but the coordinator and staff', async () => {
		const { orgs, as, cluster } = await setup();
		await (
			await as(0)
		).clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[1].id
		});
		expect(await code((await app.caller(null)).clusters.get({ idOrSlug: cluster.slug }))).toBe(
			'NOT_FOUND'
		);
		expect(
			await code((await app.caller(await app.user())).clusters.get({ idOrSlug: cluster.id }))
		).toBe('NOT_FOUND');
		const coordinatorView = await (await as(0)).clusters.get({ idOrSlug: cluster.slug });
		expect(coordinatorView.pending.map((p) => [p.organization_id, p.status])).toEqual([
			[orgs[1].id, 'invited']
		]);
		// The invited organization sees the cluster and its own invitation, not the list of others'.
		const invitedView = await (await as(1)).clusters.get({ idOrSlug: cluster.slug });
		expect(invitedView.pending).toEqual([]);
		expect(invitedView.myMemberships.map((m) => m.status)).toEqual(['invited']);
		expect(invitedView.events.some((e) => e.event === 'invited')).toBe(false);
		const staffView = await (
			await app.caller(await app.user({ role: 'staff' }))
		).clusters.get({ idOrSlug: cluster.slug });
		expect(staffView.pending).toHaveLength(1);
	});
});

describe('inviting from a profile', () => {
	it('lists the clusters a coordinator may invite an organization into, not those it is in', async () => {
		const { listInvitableClusters } = await import('../../src/lib/server/clusters/clusters.repo');
		const { people, orgs, as, cluster } = await setup();
		const before = await listInvitableClusters(app.db, people[0].id, orgs[1].id);
		expect(before.map((c) => c.id)).toEqual([cluster.id]);
		await (
			await as(0)
		).clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[1].id
		});
		expect(await listInvitableClusters(app.db, people[0].id, orgs[1].id)).toEqual([]);
		// Not a coordinator's manager: nothing to invite into.
		expect(await listInvitableClusters(app.db, people[2].id, orgs[1].id)).toEqual([]);
	});
});
