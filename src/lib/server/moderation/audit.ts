import type { Queryable } from '$lib/server/db/db';

/**
 * Appends to the moderation audit log (who, what, target, why, when). The table refuses updates
 * and deletes; call this in the same transaction as the action it records.
 */
export async function appendAudit(
	db: Queryable,
	entry: {
		actorUserId: string | null;
		action: string;
		targetType: string;
		targetId: string;
		reason?: string | null;
		details?: Record<string, unknown>;
	}
) {
	await db.query(
		`INSERT INTO moderation_actions (actor_user_id, action, target_type, target_id, reason, details)
		 VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
		[
			entry.actorUserId,
			entry.action,
			entry.targetType,
			entry.targetId,
			entry.reason ?? null,
			JSON.stringify(entry.details ?? {})
		]
	);
}
