import type { AppDeps } from '$lib/server/deps';
import { listOrgUserIds } from '$lib/server/organizations/membership';

/** The socket.io room of a cluster's channel: every member of every active member organization. */
export const clusterRoom = (clusterId: string) => `cluster:${clusterId}`;

/**
 * Live access to the cluster channel follows membership at once: sockets of the organization's
 * users join the room when it becomes active and leave it when it leaves or is removed (reading
 * and sending are also checked against the database on every event).
 */
export const clusterChannel = {
	async grant(deps: AppDeps, clusterId: string, orgId: string) {
		for (const userId of await listOrgUserIds(deps.db, orgId))
			deps.realtime.joinUser(userId, clusterRoom(clusterId));
	},
	async revoke(deps: AppDeps, clusterId: string, orgId: string) {
		for (const userId of await listOrgUserIds(deps.db, orgId)) {
			// A user may still belong to another active member organization of the same cluster.
			const { rowCount } = await deps.db.query(
				`SELECT 1 FROM cluster_members m JOIN organization_members om ON om.organization_id = m.organization_id
				 WHERE m.cluster_id = $1 AND m.status = 'active' AND om.user_id = $2`,
				[clusterId, userId]
			);
			if (!rowCount) deps.realtime.leaveUser(userId, clusterRoom(clusterId));
		}
	}
};
