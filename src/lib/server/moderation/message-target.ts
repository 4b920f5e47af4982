import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { notFound } from '$lib/server/errors';
import * as chatRepo from '$lib/server/chat/chat.repo';
import { broadcastMessage } from '$lib/server/chat/chat.service';

/**
 * Moderation of chat messages, inside the moderation transaction: the change is made with the
 * caller's client, and the live update (the "removed by a moderator" placeholder, or the message
 * back) is returned to run after the commit.
 */
export const messageTarget = {
	async author(db: Queryable, id: string) {
		if (!/^\d+$/.test(id)) throw notFound();
		const { rows } = await db.query<{
			sender_user_id: string | null;
			sender_org_id: string | null;
		}>('SELECT sender_user_id, sender_org_id FROM messages WHERE id = $1', [Number(id)]);
		if (!rows[0]) throw notFound();
		return { userId: rows[0].sender_user_id, orgId: rows[0].sender_org_id };
	},
	async hide(deps: AppDeps, client: Queryable, staffId: string, id: string) {
		const row = await chatRepo.changeMessage(client, Number(id), 'hide', staffId);
		return [() => broadcastMessage(deps, 'chat:message-updated', chatRepo.toMessage(row))];
	},
	async restore(deps: AppDeps, client: Queryable, id: string) {
		await client.query('UPDATE messages SET hidden_at = NULL, hidden_by = NULL WHERE id = $1', [
			Number(id)
		]);
		const row = await chatRepo.getMessage(client, Number(id));
		if (!row) throw notFound();
		return [() => broadcastMessage(deps, 'chat:message-updated', chatRepo.toMessage(row))];
	}
};
