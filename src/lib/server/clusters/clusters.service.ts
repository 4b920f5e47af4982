import type { User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { AppError, notFound } from '$lib/server/errors';
import {
	requireOrgRole,
	listOrgManagers,
	MANAGER_ROLES
} from '$lib/server/organizations/membership';
import {
	insertNotifications,
	pushNotifications,
	type NotificationRow
} from '$lib/server/notifications/notifications.service';
import { enqueueSearchSync } from '$lib/server/search/outbox';
import { appendAudit } from '$lib/server/moderation/audit';
import { slugify } from '$lib/server/organizations/slug';
import * as repo from './clusters.repo';
import type { ProposeClusterInput } from './clusters.schema';
import { clusterChannel } from './cluster-channel';

/** A cluster needs this many active member organizations before it can be submitted to staff. */
export const MIN_ACTIVE_MEMBERS = 3;

const isStaff = (user: User) => user.role === 'staff' || user.role === 'admin';

interface Effects {
	notifications: NotificationRow[];
	channel: { join: string[]; leave: string[] };
}

/**
 * Runs a cluster change in one transaction with the cluster row locked, then performs the live
 * effects (notifications, channel access) only after the commit.
 */
async function change<T>(
	deps: AppDeps,
	clusterId: string,
	fn: (client: Queryable, cluster: repo.ClusterRow, fx: Effects) => Promise<T>
): Promise<T> {
	const fx: Effects = { notifications: [], channel: { join: [], leave: [] } };
	const result = await deps.db.tx(async (client) => {
		const cluster = await repo.lockCluster(client, clusterId);
		if (!cluster) throw notFound();
		const out = await fn(client, cluster, fx);
		await enqueueSearchSync(client, 'cluster', clusterId);
		return out;
	});
	pushNotifications(deps.realtime, fx.notifications);
	for (const orgId of fx.channel.join) await clusterChannel.grant(deps, clusterId, orgId);
	for (const orgId of fx.channel.leave) await clusterChannel.revoke(deps, clusterId, orgId);
	return result;
}

async function notifyOrg(
	client: Queryable,
	fx: Effects,
	orgId: string,
	kind: string,
	payload: Record<string, unknown>
) {
	fx.notifications.push(
		...(await insertNotifications(client, await listOrgManagers(client, orgId), { kind, payload }))
	);
}

/** The acting organization must be the cluster's coordinator, and the user its owner or admin. */
async function requireCoordinator(
	client: Queryable,
	cluster: repo.ClusterRow,
	orgId: string,
	user: User
) {
	await requireOrgRole(client, orgId, user.id, MANAGER_ROLES);
	if (cluster.coordinator_org_id !== orgId)
		throw new AppError('FORBIDDEN', 'cluster_error_coordinator_only');
}

function requireStatus(cluster: repo.ClusterRow, allowed: repo.ClusterStatus[]) {
	if (!allowed.includes(cluster.status))
		throw new AppError('CONFLICT', 'cluster_error_wrong_status', {
			params: { status: cluster.status }
		});
}

async function uniqueSlug(db: Queryable, base: string) {
	// Slugs have at least 3 characters (the database checks it).
	const root = base.length >= 3 ? base.slice(0, 60) : `cluster${base ? `-${base}` : ''}`;
	for (let i = 0; ; i++) {
		const candidate = i === 0 ? root : `${root}-${i + 1}`;
		if (!(await repo.slugTaken(db, candidate))) return candidate;
	}
}

export async function proposeCluster(deps: AppDeps, user: User, input: ProposeClusterInput) {
	await requireOrgRole(deps.db, input.organizationId, user.id, MANAGER_ROLES);
	const org = await deps.db.query<{ status: string }>(
		'SELECT status FROM organizations WHERE id = $1',
		[input.organizationId]
	);
	if (org.rows[0]?.status !== 'published')
		throw new AppError('CONFLICT', 'cluster_error_org_not_published');
	return deps.db.tx(async (client) => {
		const slug = await uniqueSlug(
			client,
			slugify(input.nameFr ?? input.nameEn ?? input.nameAr ?? '')
		);
		const cluster = await repo.insertCluster(client, {
			slug,
			name_ar: input.nameAr ?? null,
			name_fr: input.nameFr ?? null,
			name_en: input.nameEn ?? null,
			purpose_ar: input.purposeAr ?? null,
			purpose_fr: input.purposeFr ?? null,
			purpose_en: input.purposeEn ?? null,
			sector_code: input.sectorCode,
			chain_code: input.chainCode ?? null,
			provinces: input.provinces,
			coordinator_org_id: input.organizationId,
			created_by: user.id
		});
		await repo.upsertMember(client, {
			clusterId: cluster.id,
			orgId: input.organizationId,
			status: 'active',
			role: 'coordinator'
		});
		// The cluster's channel: its participants are computed from the active members.
		await client.query(
			`INSERT INTO conversations (kind, cluster_id, created_by) VALUES ('cluster', $1, $2)`,
			[cluster.id, user.id]
		);
		await repo.insertEvent(client, {
			clusterId: cluster.id,
			event: 'proposed',
			actorUserId: user.id,
			actorOrgId: input.organizationId,
			toStatus: 'forming'
		});
		await enqueueSearchSync(client, 'cluster', cluster.id);
		return cluster;
	});
}

export async function inviteOrganization(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string,
	targetOrgId: string,
	message?: string
) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireCoordinator(client, cluster, orgId, user);
		requireStatus(cluster, ['forming', 'submitted', 'active']);
		const target = await client.query<{ status: string }>(
			'SELECT status FROM organizations WHERE id = $1',
			[targetOrgId]
		);
		if (target.rows[0]?.status !== 'published') throw new AppError('NOT_FOUND', 'error_not_found');
		const existing = await repo.findMember(client, clusterId, targetOrgId);
		if (existing?.status === 'active')
			throw new AppError('CONFLICT', 'cluster_error_already_member');
		if (existing?.status === 'invited')
			throw new AppError('CONFLICT', 'cluster_error_already_invited');
		if (existing?.status === 'requested') {
			// They asked already: inviting them is accepting their request.
			await activate(client, cluster, targetOrgId, user, orgId, 'request_accepted', fx);
			return { status: 'active' as const };
		}
		await repo.upsertMember(client, { clusterId, orgId: targetOrgId, status: 'invited', message });
		await repo.insertEvent(client, {
			clusterId,
			event: 'invited',
			actorUserId: user.id,
			actorOrgId: orgId,
			targetOrgId
		});
		await notifyOrg(client, fx, targetOrgId, 'cluster.invited', {
			clusterId,
			clusterSlug: cluster.slug,
			clusterName: nameOf(cluster)
		});
		return { status: 'invited' as const };
	});
}

export async function requestToJoin(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string,
	message?: string
) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireOrgRole(client, orgId, user.id, MANAGER_ROLES);
		requireStatus(cluster, ['forming', 'submitted', 'active']);
		const existing = await repo.findMember(client, clusterId, orgId);
		if (existing?.status === 'active')
			throw new AppError('CONFLICT', 'cluster_error_already_member');
		if (existing?.status === 'requested')
			throw new AppError('CONFLICT', 'cluster_error_already_requested');
		if (existing?.status === 'invited') {
			await activate(client, cluster, orgId, user, orgId, 'invitation_accepted', fx);
			return { status: 'active' as const };
		}
		await repo.upsertMember(client, { clusterId, orgId, status: 'requested', message });
		await repo.insertEvent(client, {
			clusterId,
			event: 'requested',
			actorUserId: user.id,
			actorOrgId: orgId,
			targetOrgId: orgId
		});
		await notifyOrg(client, fx, cluster.coordinator_org_id, 'cluster.requested', {
			clusterId,
			clusterSlug: cluster.slug,
			clusterName: nameOf(cluster),
			orgId
		});
		return { status: 'requested' as const };
	});
}

/** The invited organization accepts or declines its invitation. */
export async function respondToInvitation(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string,
	accept: boolean
) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireOrgRole(client, orgId, user.id, MANAGER_ROLES);
		const member = await repo.findMember(client, clusterId, orgId);
		if (member?.status !== 'invited') throw notFound();
		if (accept) {
			requireStatus(cluster, ['forming', 'submitted', 'active']);
			await activate(client, cluster, orgId, user, orgId, 'invitation_accepted', fx);
		} else {
			await repo.upsertMember(client, { clusterId, orgId, status: 'declined' });
			await repo.insertEvent(client, {
				clusterId,
				event: 'invitation_declined',
				actorUserId: user.id,
				actorOrgId: orgId,
				targetOrgId: orgId
			});
			await notifyOrg(client, fx, cluster.coordinator_org_id, 'cluster.invitation_declined', {
				clusterId,
				clusterSlug: cluster.slug,
				clusterName: nameOf(cluster),
				orgId
			});
		}
		return { status: accept ? ('active' as const) : ('declined' as const) };
	});
}

/** The coordinator accepts or declines an organization's request to join. */
export async function decideRequest(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string,
	targetOrgId: string,
	accept: boolean
) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireCoordinator(client, cluster, orgId, user);
		const member = await repo.findMember(client, clusterId, targetOrgId);
		if (member?.status !== 'requested') throw notFound();
		if (accept) {
			requireStatus(cluster, ['forming', 'submitted', 'active']);
			await activate(client, cluster, targetOrgId, user, orgId, 'request_accepted', fx);
		} else {
			await repo.upsertMember(client, { clusterId, orgId: targetOrgId, status: 'declined' });
			await repo.insertEvent(client, {
				clusterId,
				event: 'request_declined',
				actorUserId: user.id,
				actorOrgId: orgId,
				targetOrgId
			});
			await notifyOrg(client, fx, targetOrgId, 'cluster.request_declined', {
				clusterId,
				clusterSlug: cluster.slug,
				clusterName: nameOf(cluster)
			});
		}
		return { status: accept ? ('active' as const) : ('declined' as const) };
	});
}

async function activate(
	client: Queryable,
	cluster: repo.ClusterRow,
	targetOrgId: string,
	user: User,
	actorOrgId: string,
	event: string,
	fx: Effects
) {
	await repo.upsertMember(client, { clusterId: cluster.id, orgId: targetOrgId, status: 'active' });
	await repo.insertEvent(client, {
		clusterId: cluster.id,
		event,
		actorUserId: user.id,
		actorOrgId,
		targetOrgId
	});
	const payload = {
		clusterId: cluster.id,
		clusterSlug: cluster.slug,
		clusterName: nameOf(cluster),
		orgId: targetOrgId
	};
	// The other side learns of it: the coordinator when an invited organization accepts, the
	// organization when the coordinator accepts its request.
	await notifyOrg(
		client,
		fx,
		actorOrgId === targetOrgId ? cluster.coordinator_org_id : targetOrgId,
		'cluster.joined',
		payload
	);
	fx.channel.join.push(targetOrgId);
}

export async function leaveCluster(deps: AppDeps, user: User, clusterId: string, orgId: string) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireOrgRole(client, orgId, user.id, MANAGER_ROLES);
		const member = await repo.findMember(client, clusterId, orgId);
		if (member?.status !== 'active') throw notFound();
		if (member.role === 'coordinator')
			throw new AppError('CONFLICT', 'cluster_error_coordinator_must_hand_over');
		await repo.upsertMember(client, { clusterId, orgId, status: 'left' });
		await repo.insertEvent(client, {
			clusterId,
			event: 'left',
			actorUserId: user.id,
			actorOrgId: orgId,
			targetOrgId: orgId
		});
		await notifyOrg(client, fx, cluster.coordinator_org_id, 'cluster.left', {
			clusterId,
			clusterSlug: cluster.slug,
			clusterName: nameOf(cluster),
			orgId
		});
		fx.channel.leave.push(orgId);
	});
}

export async function removeMember(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string,
	targetOrgId: string,
	reason?: string
) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireCoordinator(client, cluster, orgId, user);
		if (targetOrgId === orgId)
			throw new AppError('CONFLICT', 'cluster_error_coordinator_must_hand_over');
		const member = await repo.findMember(client, clusterId, targetOrgId);
		if (!member || !['active', 'invited', 'requested'].includes(member.status)) throw notFound();
		await repo.upsertMember(client, { clusterId, orgId: targetOrgId, status: 'removed' });
		await repo.insertEvent(client, {
			clusterId,
			event: member.status === 'active' ? 'removed' : 'invitation_withdrawn',
			actorUserId: user.id,
			actorOrgId: orgId,
			targetOrgId,
			reason
		});
		if (member.status === 'active') {
			await notifyOrg(client, fx, targetOrgId, 'cluster.removed', {
				clusterId,
				clusterSlug: cluster.slug,
				clusterName: nameOf(cluster)
			});
			fx.channel.leave.push(targetOrgId);
		}
	});
}

export async function transferCoordination(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string,
	targetOrgId: string
) {
	return change(deps, clusterId, async (client, cluster, fx) => {
		await requireCoordinator(client, cluster, orgId, user);
		const member = await repo.findMember(client, clusterId, targetOrgId);
		if (member?.status !== 'active' || targetOrgId === orgId)
			throw new AppError('CONFLICT', 'cluster_error_target_not_member');
		await repo.setCoordinator(client, clusterId, targetOrgId);
		await repo.insertEvent(client, {
			clusterId,
			event: 'coordination_transferred',
			actorUserId: user.id,
			actorOrgId: orgId,
			targetOrgId
		});
		await notifyOrg(client, fx, targetOrgId, 'cluster.coordination_received', {
			clusterId,
			clusterSlug: cluster.slug,
			clusterName: nameOf(cluster)
		});
	});
}

export async function submitForApproval(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string
) {
	return change(deps, clusterId, async (client, cluster) => {
		await requireCoordinator(client, cluster, orgId, user);
		requireStatus(cluster, ['forming']);
		const active = await repo.countActiveMembers(client, clusterId);
		if (active < MIN_ACTIVE_MEMBERS)
			throw new AppError('CONFLICT', 'cluster_error_needs_members', {
				params: { min: MIN_ACTIVE_MEMBERS, count: active }
			});
		await repo.setClusterStatus(client, clusterId, 'submitted');
		await repo.insertEvent(client, {
			clusterId,
			event: 'submitted',
			actorUserId: user.id,
			actorOrgId: orgId,
			fromStatus: 'forming',
			toStatus: 'submitted'
		});
	});
}

/** Staff: approve (submitted -> active) or send back to forming with a reason. */
export async function reviewCluster(
	deps: AppDeps,
	staff: User,
	clusterId: string,
	decision: 'approve' | 'return',
	reason?: string
) {
	if (!isStaff(staff)) throw new AppError('FORBIDDEN', 'error_forbidden');
	return change(deps, clusterId, async (client, cluster, fx) => {
		requireStatus(cluster, ['submitted']);
		if (decision === 'return' && !reason?.trim())
			throw new AppError('BAD_REQUEST', 'cluster_field_reason_required', {
				fieldErrors: { reason: ['cluster_field_reason_required'] }
			});
		if (decision === 'approve') {
			const active = await repo.countActiveMembers(client, clusterId);
			if (active < MIN_ACTIVE_MEMBERS)
				throw new AppError('CONFLICT', 'cluster_error_needs_members', {
					params: { min: MIN_ACTIVE_MEMBERS, count: active }
				});
		}
		const to = decision === 'approve' ? 'active' : 'forming';
		await repo.setClusterStatus(client, clusterId, to, staff.id);
		await repo.insertEvent(client, {
			clusterId,
			event: decision === 'approve' ? 'approved' : 'returned',
			actorUserId: staff.id,
			fromStatus: 'submitted',
			toStatus: to,
			reason
		});
		await appendAudit(client, {
			actorUserId: staff.id,
			action: decision === 'approve' ? 'cluster.approve' : 'cluster.return',
			targetType: 'cluster',
			targetId: clusterId,
			reason
		});
		await notifyOrg(
			client,
			fx,
			cluster.coordinator_org_id,
			decision === 'approve' ? 'cluster.approved' : 'cluster.returned',
			{
				clusterId,
				clusterSlug: cluster.slug,
				clusterName: nameOf(cluster),
				reason: reason ?? null
			}
		);
	});
}

/** The coordinator or staff close a cluster for good. */
export async function archiveCluster(
	deps: AppDeps,
	user: User,
	clusterId: string,
	orgId: string | null,
	reason?: string
) {
	return change(deps, clusterId, async (client, cluster) => {
		if (orgId) await requireCoordinator(client, cluster, orgId, user);
		else if (!isStaff(user)) throw new AppError('FORBIDDEN', 'error_forbidden');
		requireStatus(cluster, ['forming', 'submitted', 'active']);
		await repo.setClusterStatus(client, clusterId, 'archived');
		await repo.insertEvent(client, {
			clusterId,
			event: 'archived',
			actorUserId: user.id,
			actorOrgId: orgId,
			fromStatus: cluster.status,
			toStatus: 'archived',
			reason
		});
		if (!orgId)
			await appendAudit(client, {
				actorUserId: user.id,
				action: 'cluster.archive',
				targetType: 'cluster',
				targetId: clusterId,
				reason
			});
	});
}

export function nameOf(c: Pick<repo.ClusterRow, 'name_ar' | 'name_fr' | 'name_en'>) {
	return { ar: c.name_ar, fr: c.name_fr, en: c.name_en };
}
