import type { AppDeps } from '$lib/server/deps';
import type { Task } from 'meilisearch';
import {
	buildOrganizationDocument,
	searchDocumentRow,
	type OrganizationDocument
} from './documents';
import { indexUid } from './indexes';
import { ORGANIZATIONS_INDEX } from './index-definitions';
import { deleteSearchDocuments, loadOrganizationRows, upsertSearchDocuments } from './search.repo';
import { scheduleSuspensionEnds } from './outbox.repo';

/** Meilisearch processed the change and refused it (a bad document): retrying as is will not help. */
export class TaskFailedError extends Error {
	override name = 'TaskFailedError';
}

/**
 * How long the worker waits for Meilisearch to process a batch, and how often it asks. Long: while
 * Meilisearch is busy (a reindex, new settings) our task waits its turn; a Meilisearch that is down
 * fails the polling at once, so the long timeout does not hide an outage.
 */
export const TASK_WAIT = { timeout: 10 * 60_000, interval: 15 };

export function organizationsIndexUid(deps: Pick<AppDeps, 'env'>) {
	return indexUid(deps.env.MEILI_INDEX_PREFIX, ORGANIZATIONS_INDEX.name);
}

export function assertSucceeded(task: Task) {
	if (task.status !== 'succeeded')
		throw new TaskFailedError(`${task.type} ${task.status}: ${task.error?.message ?? 'no detail'}`);
}

/**
 * Makes the index (and its PostgreSQL copy) say what the database says now about these
 * organizations: searchable ones are written whole, the others (draft, hidden, suspended,
 * deleted) are removed. Returns once Meilisearch confirms; throws otherwise.
 */
export async function syncOrganizations(deps: AppDeps, ids: string[]): Promise<void> {
	const rows = await loadOrganizationRows(deps.db, ids);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const docs: OrganizationDocument[] = [];
	const removed: string[] = [];
	for (const id of new Set(ids)) {
		const row = byId.get(id);
		if (row?.searchable) docs.push(buildOrganizationDocument(row));
		else removed.push(id);
	}
	await deps.db.tx(async (client) => {
		await upsertSearchDocuments(client, docs.map(searchDocumentRow));
		await deleteSearchDocuments(client, removed);
	});

	const index = deps.meili.index(organizationsIndexUid(deps));
	const tasks = [];
	if (docs.length) tasks.push(await index.addDocuments(docs, { primaryKey: 'id' }));
	if (removed.length) tasks.push(await index.deleteDocuments(removed));
	for (const task of tasks)
		assertSucceeded(await deps.meili.tasks.waitForTask(task.taskUid, TASK_WAIT));

	// A suspended organization comes back by itself when the suspension ends.
	const suspended = rows.filter((r) => r.suspended_until).map((r) => r.id);
	if (suspended.length) await scheduleSuspensionEnds(deps.db, suspended);
}
