import type { Queryable } from '$lib/server/db/db';

export async function insertDismissal(
	db: Queryable,
	orgId: string,
	dismissedId: string,
	userId: string
) {
	await db.query(
		`INSERT INTO match_dismissals (organization_id, dismissed_org_id, dismissed_by)
		 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
		[orgId, dismissedId, userId]
	);
}

export async function deleteDismissal(db: Queryable, orgId: string, dismissedId: string) {
	const { rowCount } = await db.query(
		'DELETE FROM match_dismissals WHERE organization_id = $1 AND dismissed_org_id = $2',
		[orgId, dismissedId]
	);
	return (rowCount ?? 0) > 0;
}

/** Newest first; one more than asked, so the caller knows whether there is a next page. */
export async function listDismissals(
	db: Queryable,
	orgId: string,
	offset: number,
	limit: number
): Promise<{ id: string; created_at: Date }[]> {
	const { rows } = await db.query<{ id: string; created_at: Date }>(
		`SELECT dismissed_org_id AS id, created_at FROM match_dismissals WHERE organization_id = $1
		 ORDER BY created_at DESC, dismissed_org_id OFFSET $2 LIMIT $3`,
		[orgId, offset, limit + 1]
	);
	return rows;
}
