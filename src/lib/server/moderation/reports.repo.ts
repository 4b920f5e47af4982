import type { Queryable } from '$lib/server/db/db';

export type TargetType = 'message' | 'organization' | 'cluster' | 'user';

export async function insertReport(
	db: Queryable,
	r: {
		reporterId: string;
		targetType: TargetType;
		targetId: string;
		reason: string;
		details: string | null;
	}
): Promise<number | null> {
	// One open report per person and target: reporting twice is not an error, it is on file.
	const { rows } = await db.query<{ id: number }>(
		`INSERT INTO reports (reporter_user_id, target_type, target_id, reason, details)
		 SELECT $1, $2, $3, $4, $5
		 WHERE NOT EXISTS (SELECT 1 FROM reports WHERE reporter_user_id = $1 AND target_type = $2 AND target_id = $3 AND status = 'open')
		 RETURNING id`,
		[r.reporterId, r.targetType, r.targetId, r.reason, r.details]
	);
	return rows[0]?.id ?? null;
}

export interface ReportGroup {
	target_type: TargetType;
	target_id: string;
	open_reports: number;
	reasons: string[];
	first_at: Date;
	last_at: Date;
	total: number;
}

/** The open reports grouped by their target, the most reported and oldest first. */
export async function listOpenGroups(
	db: Queryable,
	opts: { targetType?: TargetType; limit: number; offset: number }
): Promise<ReportGroup[]> {
	const { rows } = await db.query<ReportGroup>(
		`SELECT target_type, target_id, count(*)::int AS open_reports, array_agg(DISTINCT reason) AS reasons,
			min(created_at) AS first_at, max(created_at) AS last_at, count(*) OVER ()::int AS total
		 FROM reports WHERE status = 'open' AND ($1::text IS NULL OR target_type = $1)
		 GROUP BY target_type, target_id
		 ORDER BY count(*) DESC, min(created_at)
		 LIMIT $2 OFFSET $3`,
		[opts.targetType ?? null, opts.limit, opts.offset]
	);
	return rows;
}

export interface ReportRow {
	id: number;
	reporter_user_id: string | null;
	reporter_name: string | null;
	reason: string;
	details: string | null;
	status: string;
	outcome: string | null;
	created_at: Date;
	resolved_at: Date | null;
}

export async function listReportsOf(
	db: Queryable,
	targetType: TargetType,
	targetId: string
): Promise<ReportRow[]> {
	const { rows } = await db.query<ReportRow>(
		`SELECT r.id, r.reporter_user_id, u.display_name AS reporter_name, r.reason, r.details, r.status, r.outcome, r.created_at, r.resolved_at
		 FROM reports r LEFT JOIN users u ON u.id = r.reporter_user_id
		 WHERE r.target_type = $1 AND r.target_id = $2 ORDER BY r.created_at DESC`,
		[targetType, targetId]
	);
	return rows;
}

/** Settles the open reports of a target; returns their reporters (to tell them the outcome). */
export async function closeReports(
	db: Queryable,
	targetType: TargetType,
	targetId: string,
	status: 'dismissed' | 'actioned',
	outcome: string,
	staffId: string
) {
	const { rows } = await db.query<{ reporter_user_id: string | null }>(
		`UPDATE reports SET status = $3, outcome = $4, resolved_by = $5, resolved_at = now()
		 WHERE target_type = $1 AND target_id = $2 AND status = 'open' RETURNING reporter_user_id`,
		[targetType, targetId, status, outcome, staffId]
	);
	return [...new Set(rows.map((r) => r.reporter_user_id).filter((id): id is string => !!id))];
}
