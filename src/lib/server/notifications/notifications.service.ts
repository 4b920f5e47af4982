import type { Queryable } from '$lib/server/db/db';
import type { RealtimeBus } from '$lib/server/realtime/bus';

/**
 * Notifications are rows first (PostgreSQL is the truth), then a live nudge over socket.io.
 * `kind` names what happened ('connection.requested', 'verification.decided', ...); `payload`
 * holds ids and names, and the reader's page renders it in the reader's language.
 */
export interface NotificationInput {
	kind: string;
	payload: Record<string, unknown>;
}

export interface NotificationRow {
	id: number;
	user_id: string;
	kind: string;
	payload: Record<string, unknown>;
	read_at: Date | null;
	created_at: Date;
}

/** Inserts the rows (inside the caller's transaction when given its client). */
export async function insertNotifications(
	db: Queryable,
	userIds: string[],
	n: NotificationInput
): Promise<NotificationRow[]> {
	if (userIds.length === 0) return [];
	const { rows } = await db.query<NotificationRow>(
		`INSERT INTO notifications (user_id, kind, payload)
		 SELECT u, $2, $3::jsonb FROM unnest($1::uuid[]) AS u
		 RETURNING *`,
		[[...new Set(userIds)], n.kind, JSON.stringify(n.payload)]
	);
	return rows;
}

/** After the transaction commits: tell each user's open tabs. */
export function pushNotifications(realtime: RealtimeBus, rows: NotificationRow[]) {
	for (const row of rows) {
		realtime.emitToUser(row.user_id, 'notification:created', {
			id: row.id,
			kind: row.kind,
			payload: row.payload,
			createdAt: row.created_at.toISOString()
		});
	}
}

export async function countUnread(db: Queryable, userId: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
		[userId]
	);
	return rows[0].n;
}
