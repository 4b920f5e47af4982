import type { Queryable } from '$lib/server/db/db';

export type SearchEntity = 'organization' | 'cluster';

/**
 * Records that an entity's search document must be rebuilt (or removed). Call it with the
 * transaction's client, in the same transaction as the change: the change and its outbox row
 * commit together or not at all. The worker reads the entity's current state when it syncs, so
 * one row per change is enough and deletes need no special case.
 */
export async function enqueueSearchSync(db: Queryable, entity: SearchEntity, entityId: string) {
	await db.query('INSERT INTO search_outbox (entity, entity_id) VALUES ($1, $2)', [
		entity,
		entityId
	]);
}
