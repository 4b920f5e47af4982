import type { AppDeps } from '$lib/server/deps';
import { countUnread } from './notifications.service';
import { listNotifications, markNotificationsRead } from './notifications.repo';

export const NOTIFICATIONS_PAGE_SIZE = 20;

export interface NotificationView {
	id: number;
	kind: string;
	payload: Record<string, unknown>;
	read: boolean;
	createdAt: string;
}

/** The signed-in user's own notifications; nobody reads another person's. */
export async function listMyNotifications(
	deps: AppDeps,
	userId: string,
	before: number | null
): Promise<{ items: NotificationView[]; nextBefore: number | null; unread: number }> {
	const rows = await listNotifications(deps.db, userId, before, NOTIFICATIONS_PAGE_SIZE);
	const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
	return {
		items: page.map((r) => ({
			id: r.id,
			kind: r.kind,
			payload: r.payload,
			read: r.read_at !== null,
			createdAt: r.created_at.toISOString()
		})),
		nextBefore: rows.length > NOTIFICATIONS_PAGE_SIZE ? page[page.length - 1].id : null,
		unread: await countUnread(deps.db, userId)
	};
}

/** Marks read, then tells every open tab of the user the new unread count. */
export async function markRead(deps: AppDeps, userId: string, ids: number[] | 'all') {
	const changed = await markNotificationsRead(deps.db, userId, ids);
	const unread = await countUnread(deps.db, userId);
	if (changed.length)
		deps.realtime.emitToUser(userId, 'notification:read', { ids: changed, unread });
	return { changed, unread };
}
