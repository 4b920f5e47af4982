import type { Queryable } from '$lib/server/db/db';
import type { Box } from './connections.schema';

export interface ConnectionRow {
	id: string;
	from_org_id: string;
	to_org_id: string;
	status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
	message: string | null;
	created_at: Date;
	responded_at: Date | null;
}

const COLUMNS = 'id, from_org_id, to_org_id, status, message, created_at, responded_at';

export async function findConnection(db: Queryable, id: string): Promise<ConnectionRow | null> {
	const { rows } = await db.query<ConnectionRow>(
		`SELECT ${COLUMNS} FROM connections WHERE id = $1`,
		[id]
	);
	return rows[0] ?? null;
}

/** The open (pending or accepted) connection between two organizations, either way. */
export async function findOpenBetween(
	db: Queryable,
	a: string,
	b: string
): Promise<ConnectionRow | null> {
	const { rows } = await db.query<ConnectionRow>(
		`SELECT ${COLUMNS} FROM connections
		 WHERE least(from_org_id, to_org_id) = least($1::uuid, $2::uuid)
		   AND greatest(from_org_id, to_org_id) = greatest($1::uuid, $2::uuid)
		   AND status IN ('pending', 'accepted')`,
		[a, b]
	);
	return rows[0] ?? null;
}

/** Serializes one organization's requests, so two at once cannot both pass the daily limit. */
export async function lockRequestsOf(db: Queryable, orgId: string) {
	await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('connections:' || $1, 0))`, [
		orgId
	]);
}

/** Requests sent in the last 24 hours, and when the oldest of them leaves the window. */
export async function countRecentRequests(
	db: Queryable,
	orgId: string
): Promise<{ count: number; oldest: Date | null }> {
	const { rows } = await db.query<{ count: number; oldest: Date | null }>(
		`SELECT count(*)::int AS count, min(created_at) AS oldest FROM connections
		 WHERE from_org_id = $1 AND created_at > now() - interval '24 hours'`,
		[orgId]
	);
	return rows[0];
}

export async function insertConnection(
	db: Queryable,
	c: { fromOrgId: string; toOrgId: string; message: string | null; userId: string }
): Promise<ConnectionRow> {
	const { rows } = await db.query<ConnectionRow>(
		`INSERT INTO connections (from_org_id, to_org_id, message, created_by)
		 VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
		[c.fromOrgId, c.toOrgId, c.message, c.userId]
	);
	return rows[0];
}

/** Moves a pending connection on; null when it is no longer pending (answered meanwhile). */
export async function answerConnection(
	db: Queryable,
	id: string,
	status: 'accepted' | 'declined' | 'withdrawn',
	userId: string
): Promise<ConnectionRow | null> {
	const { rows } = await db.query<ConnectionRow>(
		`UPDATE connections SET status = $2, responded_by = $3, responded_at = now()
		 WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
		[id, status, userId]
	);
	return rows[0] ?? null;
}

const BOX_SQL: Record<Box, string> = {
	received: `to_org_id = $1 AND status = 'pending'`,
	sent: `from_org_id = $1 AND status = 'pending'`,
	accepted: `(from_org_id = $1 OR to_org_id = $1) AND status = 'accepted'`,
	history: `(from_org_id = $1 OR to_org_id = $1)`
};

/** Newest first; one more row than asked tells the caller there is a next page. */
export async function listConnections(
	db: Queryable,
	orgId: string,
	box: Box,
	offset: number,
	limit: number
): Promise<ConnectionRow[]> {
	const { rows } = await db.query<ConnectionRow>(
		`SELECT ${COLUMNS} FROM connections WHERE ${BOX_SQL[box]}
		 ORDER BY coalesce(responded_at, created_at) DESC, id OFFSET $2 LIMIT $3`,
		[orgId, offset, limit + 1]
	);
	return rows;
}

export async function countBoxes(
	db: Queryable,
	orgId: string
): Promise<{ received: number; sent: number; accepted: number }> {
	const { rows } = await db.query<{ received: number; sent: number; accepted: number }>(
		`SELECT count(*) FILTER (WHERE to_org_id = $1 AND status = 'pending')::int AS received,
		   count(*) FILTER (WHERE from_org_id = $1 AND status = 'pending')::int AS sent,
		   count(*) FILTER (WHERE status = 'accepted')::int AS accepted
		 FROM connections WHERE from_org_id = $1 OR to_org_id = $1`,
		[orgId]
	);
	return rows[0];
}
