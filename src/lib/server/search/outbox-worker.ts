import type pg from 'pg';
import type { AppDeps } from '$lib/server/deps';
import type { BackgroundJob } from '$lib/server/jobs';
import { ensureIndex } from './indexes';
import { ORGANIZATIONS_INDEX } from './index-definitions';
import { organizationsIndexUid, syncOrganizations, TaskFailedError } from './organizations-sync';
import {
	claimDueOutbox,
	markOutboxDone,
	markOutboxFailed,
	noteOutboxError,
	pruneOutbox,
	type OutboxRow
} from './outbox.repo';
import { countSearchableOrganizations } from './search.repo';
import { reindexOrganizations } from './reindex';
import { syncClusters } from './clusters-sync';

export const OUTBOX_BATCH = 500;
// Only one node drains at a time: two drainers could read an entity in one order and write it
// to Meilisearch in the other, leaving the older state in the index.
const DRAIN_LOCK = 7_411_301;

export interface DrainResult {
	synced: number;
	failed: number;
	/** Set when Meilisearch (or the database) could not be reached: the rows are still due. */
	unreachable: Error | null;
}

/** Syncs due outbox rows, batch after batch, until none is due or Meilisearch is unreachable. */
export async function drainOutbox(
	deps: AppDeps,
	opts: { batchSize?: number } = {}
): Promise<DrainResult> {
	const result: DrainResult = { synced: 0, failed: 0, unreachable: null };
	for (;;) {
		const rows = await claimDueOutbox(
			deps.db,
			['organization', 'cluster'],
			opts.batchSize ?? OUTBOX_BATCH
		);
		if (!rows.length) return result;
		try {
			const failed = await syncRows(deps, rows);
			result.failed += failed;
			result.synced += rows.length - failed;
		} catch (err) {
			result.unreachable = err as Error;
			await noteOutboxError(
				deps.db,
				rows.map((r) => r.id),
				(err as Error).message
			).catch(() => {});
			return result;
		}
	}
}

/**
 * Syncs the rows' entities and marks the rows done. When Meilisearch refuses the batch, halves it
 * until the refused entity stands alone, so one bad document does not hold back the others; that
 * one is retried later with backoff. Returns how many rows failed.
 */
async function syncRows(deps: AppDeps, rows: OutboxRow[]): Promise<number> {
	// Each kind of entity to its own index.
	const kinds = [...new Set(rows.map((r) => r.entity))];
	if (kinds.length > 1) {
		let failed = 0;
		for (const kind of kinds)
			failed += await syncRows(
				deps,
				rows.filter((r) => r.entity === kind)
			);
		return failed;
	}
	const ids = [...new Set(rows.map((r) => r.entity_id))];
	try {
		await (kinds[0] === 'cluster' ? syncClusters : syncOrganizations)(deps, ids);
		await markOutboxDone(
			deps.db,
			rows.map((r) => r.id)
		);
		return 0;
	} catch (err) {
		if (!(err instanceof TaskFailedError)) throw err;
		if (ids.length === 1) {
			deps.log.warn({ entity: ids[0], err: err.message }, 'search sync refused; will retry');
			await markOutboxFailed(
				deps.db,
				rows.map((r) => r.id),
				err.message
			);
			return rows.length;
		}
		const half = new Set(ids.slice(0, Math.ceil(ids.length / 2)));
		return (
			(await syncRows(
				deps,
				rows.filter((r) => half.has(r.entity_id))
			)) +
			(await syncRows(
				deps,
				rows.filter((r) => !half.has(r.entity_id))
			))
		);
	}
}

export interface SearchWorker extends BackgroundJob {
	/** Drain now (also done on every outbox NOTIFY and every `pollMs`). */
	kick(): void;
	/** Resolves when no drain is running. */
	idle(): Promise<void>;
}

interface WorkerOptions {
	pollMs?: number;
	/** The longest pause between attempts while Meilisearch is unreachable. */
	maxPauseMs?: number;
	/** Rebuild the index when it is empty but the database has searchable organizations. */
	rebuildEmptyIndex?: boolean;
	batchSize?: number;
}

/** The outbox worker: woken by NOTIFY on commit, polling as a safety net, pausing with backoff. */
export function startSearchWorker(deps: AppDeps, opts: WorkerOptions = {}): SearchWorker {
	const pollMs = opts.pollMs ?? 1000;
	const maxPauseMs = opts.maxPauseMs ?? 10_000;
	let stopped = false;
	let running: Promise<void> | null = null;
	let again = false;
	let pauseMs = 0;
	let pausedUntil = 0;
	let indexChecked = false;
	let listener: pg.PoolClient | null = null;
	const timers = new Set<NodeJS.Timeout>();
	const later = (fn: () => void, ms: number) => {
		const t = setTimeout(() => {
			timers.delete(t);
			fn();
		}, ms);
		t.unref();
		timers.add(t);
	};

	async function checkIndex() {
		const uid = organizationsIndexUid(deps);
		await ensureIndex(deps.meili, uid, ORGANIZATIONS_INDEX);
		if (opts.rebuildEmptyIndex === false) return;
		const stats = await deps.meili.index(uid).getStats();
		if (stats.numberOfDocuments === 0 && (await countSearchableOrganizations(deps.db)) > 0) {
			deps.log.info('search index is empty: rebuilding it from the database');
			await reindexOrganizations(deps);
		}
	}

	async function runOnce() {
		let lock: pg.PoolClient | null = null;
		try {
			lock = await deps.db.pool.connect();
			const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
				DRAIN_LOCK
			]);
			if (!rows[0].ok) return;
			try {
				if (!indexChecked) {
					await checkIndex();
					indexChecked = true;
				}
				const result = await drainOutbox(deps, { batchSize: opts.batchSize });
				if (result.unreachable) throw result.unreachable;
				if (pauseMs) deps.log.info('search sync resumed: Meilisearch answers again');
				pauseMs = 0;
			} finally {
				await lock.query('SELECT pg_advisory_unlock($1)', [DRAIN_LOCK]).catch(() => {});
			}
		} catch (err) {
			if (!pauseMs)
				deps.log.warn({ err: (err as Error).message }, 'search sync paused: will retry');
			pauseMs = Math.min(maxPauseMs, Math.max(250, pauseMs * 2));
			pausedUntil = Date.now() + pauseMs;
			indexChecked = false;
			later(kick, pauseMs);
		} finally {
			lock?.release();
		}
	}

	function kick() {
		if (stopped || Date.now() < pausedUntil) return;
		if (running) {
			again = true;
			return;
		}
		running = runOnce().finally(() => {
			running = null;
			if (again) {
				again = false;
				kick();
			}
		});
	}

	async function listen() {
		if (stopped) return;
		try {
			listener = await deps.db.pool.connect();
			listener.on('notification', kick);
			listener.on('error', () => {
				listener?.release(true);
				listener = null;
				later(listen, 1000);
			});
			await listener.query('LISTEN search_outbox');
		} catch {
			listener?.release(true);
			listener = null;
			later(listen, 1000);
		}
	}

	const poll = setInterval(kick, pollMs);
	poll.unref();
	const prune = setInterval(() => pruneOutbox(deps.db, 7).catch(() => {}), 60 * 60 * 1000);
	prune.unref();
	void listen();
	kick();

	return {
		name: 'search-sync',
		kick,
		idle: async () => {
			while (running) await running;
		},
		async stop() {
			stopped = true;
			clearInterval(poll);
			clearInterval(prune);
			for (const t of timers) clearTimeout(t);
			// A batch may be waiting on a busy Meilisearch: do not hold the shutdown for it. Its rows
			// are not marked done, so the next start syncs them again.
			if (running) await Promise.race([running, new Promise((r) => setTimeout(r, 3000))]);
			if (listener) {
				await listener.query('UNLISTEN search_outbox').catch(() => {});
				listener.release();
				listener = null;
			}
		}
	};
}
