import type { User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import { notFound } from '$lib/server/errors';
import * as repo from './clusters.repo';

/** What anyone who can see a cluster may read of its history; invitations stay between the parties. */
const PUBLIC_EVENTS = new Set([
	'proposed',
	'invitation_accepted',
	'request_accepted',
	'left',
	'removed',
	'coordination_transferred',
	'submitted',
	'approved',
	'returned',
	'archived'
]);

const isStaff = (user: User | null) => user?.role === 'staff' || user?.role === 'admin';

/**
 * A cluster as the viewer may see it. Active and archived clusters are public; a forming or
 * submitted one is visible to staff and to the people of the organizations involved in it, and is a
 * 404 for everyone else. Pending invitations and requests are shown to the coordinator's managers
 * and staff only (an invited organization sees its own invitation through `myMemberships`).
 */
export async function getClusterView(deps: AppDeps, viewer: User | null, idOrSlug: string) {
	const cluster = await repo.findCluster(deps.db, idOrSlug);
	if (!cluster) throw notFound();
	const involvement = viewer ? await repo.userInvolvement(deps.db, cluster.id, viewer.id) : [];
	const staff = isStaff(viewer);
	const isPublic = cluster.status === 'active' || cluster.status === 'archived';
	if (!isPublic && !staff && involvement.length === 0) throw notFound();

	const coordinatorManager = involvement.some(
		(i) => i.cluster_role === 'coordinator' && (i.org_role === 'owner' || i.org_role === 'admin')
	);
	const seesPending = coordinatorManager || staff;
	const [members, pending, offers, events] = await Promise.all([
		repo.listMembers(deps.db, cluster.id, ['active']),
		seesPending
			? repo.listMembers(deps.db, cluster.id, ['invited', 'requested'])
			: Promise.resolve([]),
		repo.listCombinedOffers(deps.db, cluster.id),
		repo.listEvents(deps.db, cluster.id)
	]);
	// The channel, for people of an active member organization (the chat checks it again).
	const inChannel = involvement.some((i) => i.status === 'active');
	const channel = inChannel
		? ((
				await deps.db.query<{ id: string }>(
					`SELECT id FROM conversations WHERE kind = 'cluster' AND cluster_id = $1`,
					[cluster.id]
				)
			).rows[0]?.id ?? null)
		: null;
	return {
		cluster,
		channelId: channel,
		members,
		pending,
		offers,
		events: seesPending ? events : events.filter((e) => PUBLIC_EVENTS.has(e.event)),
		/** The viewer's organizations in this cluster, with their status there and the viewer's role in each. */
		myMemberships: involvement,
		canCoordinate: coordinatorManager,
		canReview: staff && cluster.status === 'submitted'
	};
}

export type ClusterView = Awaited<ReturnType<typeof getClusterView>>;
