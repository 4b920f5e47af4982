import type { Queryable } from '$lib/server/db/db';
import type { NotificationRow } from './notifications.service';

/** Newest first, `limit` of them older than `before` (keyset: stable while new ones arrive). */
export async function listNotifications(
	db: Queryable,
	userId: string,
	before: number | null,
	limit: number
): Promise<NotificationRow[]> {
	const { rows } = await db.query<NotificationRow>(
		`SELECT * FROM notifications WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2)
		 ORDER BY id DESC LIMIT $3`,
		[userId, before, limit + 1]
	);
	return rows;
}

/** Marks the user's own notifications read (others' ids are ignored); returns those changed. */
export async function markNotificationsRead(
	db: Queryable,
	userId: string,
	ids: number[] | 'all'
): Promise<number[]> {
	const { rows } = await db.query<{ id: number }>(
		`UPDATE notifications SET read_at = now()
		 WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[]))
		 RETURNING id`,
		[userId, ids === 'all' ? null : ids]
	);
	return rows.map((r) => r.id);
}
