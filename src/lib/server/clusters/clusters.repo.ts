import type { Queryable } from '$lib/server/db/db';
import { isUuid } from '$lib/server/input/input-guard';

export type ClusterStatus = 'forming' | 'submitted' | 'active' | 'archived';
export type MemberStatus = 'invited' | 'requested' | 'active' | 'declined' | 'left' | 'removed';

export interface ClusterRow {
	id: string;
	slug: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	purpose_ar: string | null;
	purpose_fr: string | null;
	purpose_en: string | null;
	sector_code: string;
	chain_code: string | null;
	provinces: string[];
	status: ClusterStatus;
	coordinator_org_id: string;
	created_at: Date;
	submitted_at: Date | null;
	approved_at: Date | null;
	archived_at: Date | null;
}

export interface ClusterMemberRow {
	cluster_id: string;
	organization_id: string;
	status: MemberStatus;
	role: 'coordinator' | 'member';
	message: string | null;
	joined_at: Date | null;
	updated_at: Date;
}

export async function insertCluster(
	db: Queryable,
	c: Omit<
		ClusterRow,
		'id' | 'status' | 'created_at' | 'submitted_at' | 'approved_at' | 'archived_at'
	> & { created_by: string }
): Promise<ClusterRow> {
	const { rows } = await db.query<ClusterRow>(
		`INSERT INTO clusters (slug, name_ar, name_fr, name_en, purpose_ar, purpose_fr, purpose_en, sector_code, chain_code, provinces, coordinator_org_id, created_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
		[
			c.slug,
			c.name_ar,
			c.name_fr,
			c.name_en,
			c.purpose_ar,
			c.purpose_fr,
			c.purpose_en,
			c.sector_code,
			c.chain_code,
			c.provinces,
			c.coordinator_org_id,
			c.created_by
		]
	);
	return rows[0];
}

export async function slugTaken(db: Queryable, slug: string) {
	return ((await db.query('SELECT 1 FROM clusters WHERE slug = $1', [slug])).rowCount ?? 0) > 0;
}

/** Locks the cluster row: transitions and membership changes of one cluster happen one at a time. */
export async function lockCluster(db: Queryable, id: string): Promise<ClusterRow | null> {
	const { rows } = await db.query<ClusterRow>('SELECT * FROM clusters WHERE id = $1 FOR UPDATE', [
		id
	]);
	return rows[0] ?? null;
}

export async function findCluster(db: Queryable, idOrSlug: string): Promise<ClusterRow | null> {
	const byId = isUuid(idOrSlug);
	const { rows } = await db.query<ClusterRow>(
		`SELECT * FROM clusters WHERE ${byId ? 'id = $1::uuid' : 'slug = $1'}`,
		[idOrSlug]
	);
	return rows[0] ?? null;
}

export async function setClusterStatus(
	db: Queryable,
	id: string,
	status: ClusterStatus,
	approvedBy?: string | null
) {
	await db.query(
		`UPDATE clusters SET status = $2, updated_at = now(),
			submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,
			approved_at = CASE WHEN $2 = 'active' THEN now() ELSE approved_at END,
			approved_by = CASE WHEN $2 = 'active' THEN $3::uuid ELSE approved_by END,
			archived_at = CASE WHEN $2 = 'archived' THEN now() ELSE archived_at END
		 WHERE id = $1`,
		[id, status, approvedBy ?? null]
	);
}

export async function setCoordinator(db: Queryable, clusterId: string, orgId: string) {
	await db.query(
		`UPDATE cluster_members SET role = 'member', updated_at = now() WHERE cluster_id = $1 AND role = 'coordinator'`,
		[clusterId]
	);
	await db.query(
		`UPDATE cluster_members SET role = 'coordinator', updated_at = now() WHERE cluster_id = $1 AND organization_id = $2`,
		[clusterId, orgId]
	);
	await db.query('UPDATE clusters SET coordinator_org_id = $2, updated_at = now() WHERE id = $1', [
		clusterId,
		orgId
	]);
}

export async function findMember(
	db: Queryable,
	clusterId: string,
	orgId: string
): Promise<ClusterMemberRow | null> {
	const { rows } = await db.query<ClusterMemberRow>(
		'SELECT * FROM cluster_members WHERE cluster_id = $1 AND organization_id = $2',
		[clusterId, orgId]
	);
	return rows[0] ?? null;
}

export async function upsertMember(
	db: Queryable,
	m: {
		clusterId: string;
		orgId: string;
		status: MemberStatus;
		role?: 'coordinator' | 'member';
		message?: string | null;
	}
) {
	await db.query(
		`INSERT INTO cluster_members (cluster_id, organization_id, status, role, message, joined_at)
		 VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'active' THEN now() END)
		 ON CONFLICT (cluster_id, organization_id) DO UPDATE SET
			status = excluded.status, role = excluded.role, message = coalesce(excluded.message, cluster_members.message),
			joined_at = CASE WHEN excluded.status = 'active' THEN now() ELSE cluster_members.joined_at END,
			updated_at = now()`,
		[m.clusterId, m.orgId, m.status, m.role ?? 'member', m.message ?? null]
	);
}

export async function countActiveMembers(db: Queryable, clusterId: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM cluster_members WHERE cluster_id = $1 AND status = 'active'`,
		[clusterId]
	);
	return rows[0].n;
}

export interface MemberView {
	organization_id: string;
	slug: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	kind: string;
	province: string | null;
	country: string;
	status: MemberStatus;
	role: 'coordinator' | 'member';
	message: string | null;
	joined_at: Date | null;
	updated_at: Date;
}

export async function listMembers(
	db: Queryable,
	clusterId: string,
	statuses: MemberStatus[]
): Promise<MemberView[]> {
	const { rows } = await db.query<MemberView>(
		`SELECT m.organization_id, o.slug, o.name_ar, o.name_fr, o.name_en, o.kind, o.province, o.country,
			m.status, m.role, m.message, m.joined_at, m.updated_at
		 FROM cluster_members m JOIN organizations o ON o.id = m.organization_id
		 WHERE m.cluster_id = $1 AND m.status = ANY($2::text[])
		 ORDER BY (m.role = 'coordinator') DESC, m.joined_at NULLS LAST, o.slug`,
		[clusterId, statuses]
	);
	return rows;
}

export interface ClusterEventRow {
	id: number;
	event: string;
	actor_user_id: string | null;
	actor_name: string | null;
	actor_org_slug: string | null;
	target_org_slug: string | null;
	target_org_name_ar: string | null;
	target_org_name_fr: string | null;
	target_org_name_en: string | null;
	from_status: string | null;
	to_status: string | null;
	reason: string | null;
	created_at: Date;
}

export async function insertEvent(
	db: Queryable,
	e: {
		clusterId: string;
		event: string;
		actorUserId: string | null;
		actorOrgId?: string | null;
		targetOrgId?: string | null;
		fromStatus?: string | null;
		toStatus?: string | null;
		reason?: string | null;
	}
) {
	await db.query(
		`INSERT INTO cluster_events (cluster_id, event, actor_user_id, actor_org_id, target_org_id, from_status, to_status, reason)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		[
			e.clusterId,
			e.event,
			e.actorUserId,
			e.actorOrgId ?? null,
			e.targetOrgId ?? null,
			e.fromStatus ?? null,
			e.toStatus ?? null,
			e.reason ?? null
		]
	);
}

export async function listEvents(db: Queryable, clusterId: string): Promise<ClusterEventRow[]> {
	const { rows } = await db.query<ClusterEventRow>(
		`SELECT e.id, e.event, e.actor_user_id, u.display_name AS actor_name, ao.slug AS actor_org_slug,
			t.slug AS target_org_slug, t.name_ar AS target_org_name_ar, t.name_fr AS target_org_name_fr, t.name_en AS target_org_name_en,
			e.from_status, e.to_status, e.reason, e.created_at
		 FROM cluster_events e
		 LEFT JOIN users u ON u.id = e.actor_user_id
		 LEFT JOIN organizations ao ON ao.id = e.actor_org_id
		 LEFT JOIN organizations t ON t.id = e.target_org_id
		 WHERE e.cluster_id = $1 ORDER BY e.id`,
		[clusterId]
	);
	return rows;
}

/** Orgs of the user that are involved in the cluster (any status), with the user's role in each. */
export async function userInvolvement(db: Queryable, clusterId: string, userId: string) {
	const { rows } = await db.query<{
		organization_id: string;
		status: MemberStatus;
		cluster_role: string;
		org_role: string;
	}>(
		`SELECT m.organization_id, m.status, m.role AS cluster_role, om.role AS org_role
		 FROM cluster_members m JOIN organization_members om ON om.organization_id = m.organization_id AND om.user_id = $2
		 WHERE m.cluster_id = $1`,
		[clusterId, userId]
	);
	return rows;
}

export async function listClusters(
	db: Queryable,
	opts: { statuses: ClusterStatus[]; limit: number; offset: number }
) {
	const { rows } = await db.query<ClusterRow & { active_members: number; total: number }>(
		`SELECT c.*, (SELECT count(*)::int FROM cluster_members m WHERE m.cluster_id = c.id AND m.status = 'active') AS active_members,
			count(*) OVER ()::int AS total
		 FROM clusters c WHERE c.status = ANY($1::text[])
		 ORDER BY coalesce(c.approved_at, c.submitted_at, c.created_at) DESC, c.id
		 LIMIT $2 OFFSET $3`,
		[opts.statuses, opts.limit, opts.offset]
	);
	return rows;
}

/** Clusters in which any organization of the user takes part (any membership status). */
export async function listUserClusters(db: Queryable, userId: string) {
	const { rows } = await db.query<
		ClusterRow & { organization_id: string; member_status: MemberStatus; member_role: string }
	>(
		`SELECT c.*, m.organization_id, m.status AS member_status, m.role AS member_role
		 FROM cluster_members m
		 JOIN clusters c ON c.id = m.cluster_id
		 JOIN organization_members om ON om.organization_id = m.organization_id AND om.user_id = $1
		 WHERE m.status IN ('invited', 'requested', 'active')
		 ORDER BY c.updated_at DESC`,
		[userId]
	);
	return rows;
}

/** Offers of the active member organizations, for the cluster page ("combined offers"). */
export async function listCombinedOffers(db: Queryable, clusterId: string) {
	const { rows } = await db.query<{ category_code: string; organizations: number }>(
		`SELECT l.category_code, count(DISTINCT l.organization_id)::int AS organizations
		 FROM listings l JOIN cluster_members m ON m.organization_id = l.organization_id AND m.cluster_id = $1 AND m.status = 'active'
		 WHERE l.kind = 'offer' GROUP BY l.category_code ORDER BY organizations DESC, l.category_code`,
		[clusterId]
	);
	return rows;
}

/**
 * Clusters the user may invite into (as a manager of their coordinating organization), that the
 * target organization is not already in or invited to: "invite to a cluster" on a profile.
 */
export async function listInvitableClusters(db: Queryable, userId: string, targetOrgId: string) {
	const { rows } = await db.query<{
		id: string;
		slug: string;
		name_ar: string | null;
		name_fr: string | null;
		name_en: string | null;
		coordinator_org_id: string;
	}>(
		`SELECT c.id, c.slug, c.name_ar, c.name_fr, c.name_en, c.coordinator_org_id
		 FROM clusters c
		 JOIN organization_members om ON om.organization_id = c.coordinator_org_id AND om.user_id = $1 AND om.role IN ('owner', 'admin')
		 WHERE c.status IN ('forming', 'submitted', 'active') AND c.coordinator_org_id <> $2
		   AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.id AND m.organization_id = $2 AND m.status IN ('active', 'invited'))
		 ORDER BY c.created_at DESC`,
		[userId, targetOrgId]
	);
	return rows;
}
