import type { Queryable } from '$lib/server/db/db';
import type { SearchEntity } from './outbox';

/** SQL of the search outbox (search_outbox): claiming, completing, retrying, pruning. */
export interface OutboxRow {
	id: number;
	entity: SearchEntity;
	entity_id: string;
	attempts: number;
}

/** The oldest due rows (scheduled or backed-off rows wait for their time). */
export async function claimDueOutbox(
	db: Queryable,
	entities: SearchEntity[],
	limit: number
): Promise<OutboxRow[]> {
	const { rows } = await db.query<OutboxRow>(
		`SELECT id, entity, entity_id, attempts FROM search_outbox
		 WHERE processed_at IS NULL AND next_attempt_at <= now() AND entity = ANY($1)
		 ORDER BY next_attempt_at, id LIMIT $2`,
		[entities, limit]
	);
	return rows;
}

export async function markOutboxDone(db: Queryable, ids: number[]) {
	if (!ids.length) return;
	await db.query(
		`UPDATE search_outbox SET processed_at = now(), last_error = NULL
		 WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`,
		[ids]
	);
}

/** Meilisearch refused the change: retry later, 1 s, 2 s, 4 s... up to an hour apart. */
export async function markOutboxFailed(db: Queryable, ids: number[], error: string) {
	await db.query(
		`UPDATE search_outbox SET attempts = attempts + 1, last_error = $2,
		   next_attempt_at = now() + least(interval '1 hour', interval '1 second' * power(2, least(attempts, 20)))
		 WHERE id = ANY($1::bigint[])`,
		[ids, error.slice(0, 1000)]
	);
}

/** Meilisearch unreachable: the rows stay due (the worker pauses as a whole); note why. */
export async function noteOutboxError(db: Queryable, ids: number[], error: string) {
	await db.query(
		`UPDATE search_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
		[ids, error.slice(0, 1000)]
	);
}

/**
 * For each of these organizations that is published but suspended, a row that comes due when the
 * suspension ends (unless one already waits for that instant): it comes back by itself.
 */
export async function scheduleSuspensionEnds(db: Queryable, ids: string[]) {
	await db.query(
		`INSERT INTO search_outbox (entity, entity_id, next_attempt_at)
		 SELECT 'organization', o.id, o.suspended_until FROM organizations o
		 WHERE o.id = ANY($1::uuid[]) AND o.status = 'published' AND o.suspended_until > now()
		   AND NOT EXISTS (SELECT 1 FROM search_outbox b WHERE b.entity_id = o.id
		     AND b.entity = 'organization' AND b.processed_at IS NULL
		     AND b.next_attempt_at = o.suspended_until)`,
		[ids]
	);
}

export async function pruneOutbox(db: Queryable, olderThanDays: number) {
	await db.query(
		`DELETE FROM search_outbox WHERE processed_at < now() - make_interval(days => $1)`,
		[olderThanDays]
	);
}

/** Committed, due rows right now: a reindex starting now covers them. */
export async function dueOutboxIds(db: Queryable, entity: SearchEntity): Promise<number[]> {
	const { rows } = await db.query<{ id: number }>(
		`SELECT id FROM search_outbox WHERE processed_at IS NULL AND next_attempt_at <= now() AND entity = $1`,
		[entity]
	);
	return rows.map((r) => r.id);
}

/** Enqueues again every entity synced since `since` (its change may have missed a new index). */
export async function requeueProcessedSince(db: Queryable, entity: SearchEntity, since: Date) {
	const { rowCount } = await db.query(
		`INSERT INTO search_outbox (entity, entity_id)
		 SELECT DISTINCT entity, entity_id FROM search_outbox
		 WHERE entity = $1 AND processed_at >= $2`,
		[entity, since]
	);
	return rowCount ?? 0;
}

export async function outboxBacklog(db: Queryable): Promise<{ due: number; failing: number }> {
	const { rows } = await db.query<{ due: number; failing: number }>(
		`SELECT count(*) FILTER (WHERE next_attempt_at <= now())::int AS due,
		        count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failing
		 FROM search_outbox WHERE processed_at IS NULL`
	);
	return rows[0];
}

export async function dbNow(db: Queryable): Promise<Date> {
	const { rows } = await db.query<{ now: Date }>('SELECT now() AS now');
	return rows[0].now;
}
