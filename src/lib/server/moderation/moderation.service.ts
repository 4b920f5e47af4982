import type { User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { AppError, notFound } from '$lib/server/errors';
import { appendAudit } from './audit';
import { orgRefOf } from '$lib/server/verification/verification.service';
import {
	insertNotifications,
	pushNotifications,
	type NotificationRow
} from '$lib/server/notifications/notifications.service';
import { listOrgManagers } from '$lib/server/organizations/membership';
import { enqueueSearchSync } from '$lib/server/search/outbox';
import { archiveCluster } from '$lib/server/clusters/clusters.service';
import * as reports from './reports.repo';
import type { ModerateInput } from './moderation.schema';
import { messageTarget } from './message-target';
import { isUuid } from '$lib/server/input/input-guard';

/** Anyone signed in reports an organization, a cluster or a person; messages are reported from the chat. */
export async function reportTarget(
	deps: AppDeps,
	user: User,
	input: {
		targetType: 'organization' | 'cluster' | 'user';
		targetId: string;
		reason: string;
		details?: string;
	}
) {
	const table = { organization: 'organizations', cluster: 'clusters', user: 'users' }[
		input.targetType
	];
	if (!isUuid(input.targetId)) throw notFound();
	// Only what the reporter can see: a draft organization or a cluster still forming is a 404 for
	// anyone outside it (reporting must not tell that it exists).
	const visible = {
		organizations: `o.status = 'published' OR EXISTS (SELECT 1 FROM organization_members m
		                  WHERE m.organization_id = o.id AND m.user_id = $2)`,
		clusters: `o.status IN ('active', 'archived') OR EXISTS (
		             SELECT 1 FROM cluster_members cm JOIN organization_members m
		                 ON m.organization_id = cm.organization_id
		              WHERE cm.cluster_id = o.id AND m.user_id = $2)`,
		users: '$2::uuid IS NOT NULL'
	}[table];
	const exists = await deps.db.query(
		`SELECT 1 FROM ${table} o WHERE o.id = $1 AND ($3::boolean OR ${visible})`,
		[input.targetId, user.id, user.role === 'staff' || user.role === 'admin']
	);
	if (!exists.rowCount) throw notFound();
	if (input.targetType === 'user' && input.targetId === user.id)
		throw new AppError('BAD_REQUEST', 'mod_error_report_self');
	const id = await reports.insertReport(deps.db, {
		reporterId: user.id,
		targetType: input.targetType,
		targetId: input.targetId,
		reason: input.reason,
		details: input.details || null
	});
	return { reported: true, alreadyReported: id === null };
}

/** Who a target's author is: the person warned or suspended for it. */
async function authorOf(
	db: Queryable,
	targetType: ModerateInput['targetType'],
	targetId: string
): Promise<{ userId: string | null; orgId: string | null }> {
	if (targetType === 'user') return { userId: targetId, orgId: null };
	if (targetType === 'organization') return { userId: null, orgId: targetId };
	if (targetType === 'message') return messageTarget.author(db, targetId);
	const { rows } = await db.query<{ coordinator_org_id: string }>(
		'SELECT coordinator_org_id FROM clusters WHERE id = $1',
		[targetId]
	);
	return { userId: null, orgId: rows[0]?.coordinator_org_id ?? null };
}

async function suspendUser(
	deps: AppDeps,
	client: Queryable,
	userId: string,
	until: Date | undefined,
	reason: string
) {
	const { rowCount } = await client.query(
		`UPDATE users SET status = 'suspended', suspended_until = $2, suspended_reason = $3, updated_at = now() WHERE id = $1 AND role = 'member'`,
		[userId, until ?? null, reason]
	);
	// Staff and admins are not suspended from the console: an admin revokes their role first.
	if (!rowCount) throw new AppError('CONFLICT', 'mod_error_cannot_suspend');
	await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

/**
 * One staff decision on a reported (or directly chosen) target. The action, its audit entry and
 * the settling of the target's open reports commit together; then the reporters learn the outcome,
 * the people concerned are told, and a suspended user's open pages are signed out at once.
 */
export async function moderate(deps: AppDeps, staff: User, input: ModerateInput) {
	if (staff.role !== 'staff' && staff.role !== 'admin')
		throw new AppError('FORBIDDEN', 'error_forbidden');
	const { targetType, targetId, action, reason, until } = input;
	const after: (() => Promise<void> | void)[] = [];
	const notes: NotificationRow[] = [];

	await deps.db.tx(async (client) => {
		const author = await authorOf(client, targetType, targetId);
		switch (action) {
			case 'dismiss':
				break;
			case 'hide':
				if (targetType === 'message')
					after.push(...(await messageTarget.hide(deps, client, staff.id, targetId)));
				else if (targetType === 'organization') {
					const { rowCount } = await client.query(
						`UPDATE organizations SET status = 'hidden', updated_at = now() WHERE id = $1`,
						[targetId]
					);
					if (!rowCount) throw notFound();
					await enqueueSearchSync(client, 'organization', targetId);
				} else if (targetType === 'cluster')
					after.push(() =>
						archiveCluster(deps, staff, targetId, null, reason).then(() => undefined)
					);
				else throw new AppError('BAD_REQUEST', 'mod_error_action_target');
				break;
			case 'warn': {
				const recipients = author.userId
					? [author.userId]
					: author.orgId
						? await listOrgManagers(client, author.orgId)
						: [];
				if (!recipients.length) throw notFound();
				notes.push(
					...(await insertNotifications(client, recipients, {
						kind: 'moderation.warned',
						payload: { targetType, targetId, reason }
					}))
				);
				break;
			}
			case 'suspend_user': {
				if (!author.userId) throw new AppError('BAD_REQUEST', 'mod_error_action_target');
				await suspendUser(deps, client, author.userId, until, reason);
				const userId = author.userId;
				after.push(() => deps.realtime.disconnectUser(userId, 'suspended'));
				break;
			}
			case 'suspend_org': {
				if (!author.orgId) throw new AppError('BAD_REQUEST', 'mod_error_action_target');
				// For good: no end date, and hidden from the directory until restored.
				await client.query(
					`UPDATE organizations SET suspended_until = $2, suspended_reason = $3, status = CASE WHEN $2::timestamptz = 'infinity' THEN 'hidden' ELSE status END, updated_at = now() WHERE id = $1`,
					[author.orgId, until ?? 'infinity', reason]
				);
				await enqueueSearchSync(client, 'organization', author.orgId);
				notes.push(
					...(await insertNotifications(client, await listOrgManagers(client, author.orgId), {
						kind: 'moderation.org_suspended',
						payload: {
							organizationId: author.orgId,
							org: await orgRefOf(client, author.orgId),
							until: until?.toISOString() ?? null,
							reason
						}
					}))
				);
				break;
			}
			case 'restore':
				if (targetType === 'message')
					after.push(...(await messageTarget.restore(deps, client, targetId)));
				else if (targetType === 'organization') {
					await client.query(
						`UPDATE organizations SET status = CASE WHEN status = 'hidden' THEN 'published' ELSE status END, suspended_until = NULL, suspended_reason = NULL, updated_at = now() WHERE id = $1`,
						[targetId]
					);
					await enqueueSearchSync(client, 'organization', targetId);
				} else if (targetType === 'user') {
					await client.query(
						`UPDATE users SET status = 'active', suspended_until = NULL, suspended_reason = NULL, updated_at = now() WHERE id = $1`,
						[targetId]
					);
				} else throw new AppError('BAD_REQUEST', 'mod_error_action_target');
				break;
		}
		await appendAudit(client, {
			actorUserId: staff.id,
			action: `${targetType}.${action}`,
			targetType,
			targetId,
			reason,
			details: until ? { until: until.toISOString() } : {}
		});
		const reporters = await reports.closeReports(
			client,
			targetType,
			targetId,
			action === 'dismiss' ? 'dismissed' : 'actioned',
			action,
			staff.id
		);
		notes.push(
			...(await insertNotifications(client, reporters, {
				kind: 'report.resolved',
				payload: { targetType, targetId, outcome: action }
			}))
		);
	});

	pushNotifications(deps.realtime, notes);
	for (const fn of after) await fn();
}
