import type { EnqueuedTaskPromise } from 'meilisearch';
import type { AppDeps } from '$lib/server/deps';
import { silentProgress, type Progress } from '$lib/server/progress';
import { buildOrganizationDocument, searchDocumentRow } from './documents';
import { ensureIndex } from './indexes';
import { ORGANIZATIONS_INDEX } from './index-definitions';
import { assertSucceeded, organizationsIndexUid, TASK_WAIT } from './organizations-sync';
import {
	countSearchableOrganizations,
	deleteSearchDocumentsSyncedBefore,
	loadSearchableChunk,
	upsertSearchDocuments
} from './search.repo';
import { dbNow, dueOutboxIds, markOutboxDone, requeueProcessedSince } from './outbox.repo';

const REINDEX_LOCK = 7_411_302;
const CHUNK = 2000;
// Batches sent ahead of the one Meilisearch is indexing: enough to keep it busy, few enough
// that the documents are not all held in memory at once.
const IN_FLIGHT = 3;

export interface ReindexOptions {
	progress?: (label: string, total: number) => Progress;
	chunkSize?: number;
}

/**
 * Rebuilds the organizations index from PostgreSQL into a fresh index, then swaps it in
 * atomically and deletes the old one: search answers from the old index until the swap.
 * Changes made meanwhile are not lost: outbox rows due at the start are covered by the rebuild,
 * and every organization the worker synced during it (into the old index) is synced again.
 */
export async function reindexOrganizations(
	deps: AppDeps,
	opts: ReindexOptions = {}
): Promise<{ documents: number; seconds: number }> {
	const started = performance.now();
	const lock = await deps.db.pool.connect();
	try {
		const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
			REINDEX_LOCK
		]);
		if (!rows[0].ok) throw new Error('A search reindex is already running');
		try {
			const documents = await rebuild(deps, opts);
			return { documents, seconds: (performance.now() - started) / 1000 };
		} finally {
			await lock.query('SELECT pg_advisory_unlock($1)', [REINDEX_LOCK]);
		}
	} finally {
		lock.release();
	}
}

async function rebuild(deps: AppDeps, opts: ReindexOptions): Promise<number> {
	const { db, meili } = deps;
	const startedAt = await dbNow(db);
	const covered = await dueOutboxIds(db, 'organization');
	const total = await countSearchableOrganizations(db);
	const live = organizationsIndexUid(deps);
	const fresh = `${live}_reindex_${Date.now().toString(36)}`;
	await ensureIndex(meili, live, ORGANIZATIONS_INDEX);
	await ensureIndex(meili, fresh, ORGANIZATIONS_INDEX);
	const bar = (opts.progress ?? silentProgress)('reindex', total);
	try {
		const inFlight: { task: EnqueuedTaskPromise; size: number }[] = [];
		const settle = async () => {
			const { task, size } = inFlight.shift()!;
			assertSucceeded(await task.waitTask({ ...TASK_WAIT, timeout: 10 * 60_000 }));
			bar.tick(size);
		};
		let documents = 0;
		let after: string | null = null;
		for (;;) {
			const rows = await loadSearchableChunk(db, after, opts.chunkSize ?? CHUNK);
			if (!rows.length) break;
			after = rows[rows.length - 1].id;
			const docs = rows.map(buildOrganizationDocument);
			await upsertSearchDocuments(db, docs.map(searchDocumentRow));
			inFlight.push({
				task: meili.index(fresh).addDocuments(docs, { primaryKey: 'id' }),
				size: docs.length
			});
			documents += docs.length;
			if (inFlight.length > IN_FLIGHT) await settle();
		}
		while (inFlight.length) await settle();
		bar.done();

		await deleteSearchDocumentsSyncedBefore(db, startedAt);
		assertSucceeded(
			await meili.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask(TASK_WAIT)
		);
		// Synced into the old index while we rebuilt: sync again, into the new one. Then the rows
		// that were due at the start are done (the rebuild read their changes).
		await requeueProcessedSince(db, 'organization', startedAt);
		await markOutboxDone(db, covered);
		return documents;
	} finally {
		// After the swap this holds the old documents; on failure, the half-built new ones.
		await meili
			.deleteIndex(fresh)
			.waitTask(TASK_WAIT)
			.catch(() => {});
	}
}
