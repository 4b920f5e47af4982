import type { Queryable } from '$lib/server/db/db';

/** The counts on the staff console's front page: what is waiting for a decision. */
export async function queueCounts(db: Queryable) {
	const { rows } = await db.query<{ verifications: number; reports: number; clusters: number }>(
		`SELECT (SELECT count(*)::int FROM verification_requests WHERE status = 'pending') AS verifications,
			(SELECT count(DISTINCT (target_type, target_id))::int FROM reports WHERE status = 'open') AS reports,
			(SELECT count(*)::int FROM clusters WHERE status = 'submitted') AS clusters`
	);
	return rows[0];
}
