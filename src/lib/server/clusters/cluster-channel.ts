import type { AppDeps } from '$lib/server/deps';
import { listOrgUserIds } from '$lib/server/organizations/membership';

/** The cluster's channel: a chat conversation of kind 'cluster'. */
export async function channelOf(deps: AppDeps, clusterId: string): Promise<string | null> {
	const { rows } = await deps.db.query<{ id: string }>(
		`SELECT id FROM conversations WHERE kind = 'cluster' AND cluster_id = $1`,
		[clusterId]
	);
	return rows[0]?.id ?? null;
}

/**
 * Live access to the cluster channel follows membership at once. Who may read, send and receive
 * is computed from the active members on every event (the conversation_organizations view), so a
 * new member sees the history and a member who left or was removed receives nothing more; here
 * their open sockets also leave the conversation's room (typing, presence) and are told.
 */
export const clusterChannel = {
	async grant(deps: AppDeps, clusterId: string, orgId: string) {
		const channel = await channelOf(deps, clusterId);
		if (!channel) return;
		for (const userId of await listOrgUserIds(deps.db, orgId))
			deps.realtime.emitToUser(userId, 'chat:access-changed', {
				conversationId: channel,
				access: true
			});
	},
	async revoke(deps: AppDeps, clusterId: string, orgId: string) {
		const channel = await channelOf(deps, clusterId);
		if (!channel) return;
		for (const userId of await listOrgUserIds(deps.db, orgId)) {
			// A person may still belong to another active member organization of the same cluster.
			const { rowCount } = await deps.db.query(
				`SELECT 1 FROM cluster_members m JOIN organization_members om ON om.organization_id = m.organization_id
				 WHERE m.cluster_id = $1 AND m.status = 'active' AND om.user_id = $2`,
				[clusterId, userId]
			);
			if (rowCount) continue;
			deps.realtime.leaveUser(userId, `conv:${channel}`);
			deps.realtime.emitToUser(userId, 'chat:access-changed', {
				conversationId: channel,
				access: false
			});
		}
	}
};
