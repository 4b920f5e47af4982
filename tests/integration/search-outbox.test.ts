import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../helpers/test-app';
import {
	createOrganization,
	indexedDocuments,
	searchableIds,
	syncSearch,
	updateOrganization
} from '../helpers/search-fixtures';
import { drainOutbox, startSearchWorker } from '../../src/lib/server/search/outbox-worker';
import { reindexOrganizations } from '../../src/lib/server/search/reindex';
import { organizationsIndexUid } from '../../src/lib/server/search/organizations-sync';
import { applyIndexSettings } from '../../src/lib/server/search/indexes';
import { ALL_INDEXES } from '../../src/lib/server/search/index-definitions';
import { createMeiliClient } from '../../src/lib/server/search/meili-client';
import { startEmbeddedMeilisearch } from '../../src/lib/server/services/embedded-meilisearch';
import { findFreePort } from '../../src/lib/server/services/processes';
import { seedGeneratedOrganizations } from '../../src/lib/server/seed/seed-organizations';
import { buildOrganizationDocument } from '../../src/lib/server/search/documents';
import { loadOrganizationRows } from '../../src/lib/server/search/search.repo';
import { silentProgress } from '../../src/lib/server/progress';
import { checkHealth } from '../../src/lib/server/health';
import type { AppDeps } from '../../src/lib/server/deps';

/**
 * Item 9: the index stays true to PostgreSQL, through the outbox, crashes and reindexes. Each
 * part has its own database and index, so that "equals the database" means exactly that.
 */
let app: TestApp;
function freshApp() {
	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(() => app?.close());
}

const outboxRow = async (entityId: string) =>
	(
		await app.db.query<{ processed_at: Date | null; attempts: number; next_attempt_at: Date }>(
			'SELECT processed_at, attempts, next_attempt_at FROM search_outbox WHERE entity_id = $1 ORDER BY id DESC LIMIT 1',
			[entityId]
		)
	).rows[0];

const until = async (what: string, check: () => Promise<boolean>, ms = 60_000) => {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
};

/** The index holds exactly the searchable organizations, each as the database says now. */
async function expectIndexEqualsDatabase(deps: AppDeps) {
	const docs = await indexedDocuments({ deps });
	const ids = await searchableIds(app);
	expect([...docs.keys()].sort()).toEqual(ids);
	const rows = await loadOrganizationRows(app.db, ids);
	for (const row of rows) {
		const expected = buildOrganizationDocument(row);
		const doc = docs.get(row.id)!;
		expect({ name: doc.name_fr, ar: doc.name_ar, at: doc.updated_at }).toEqual({
			name: expected.name_fr,
			ar: expected.name_ar,
			at: expected.updated_at
		});
	}
}

describe('the outbox worker', () => {
	freshApp();
	it('marks a row done only once Meilisearch has the change', async () => {
		const org = await createOrganization(app, { name_fr: 'Coopérative Tizi Ousli' });
		expect((await outboxRow(org.id)).processed_at).toBeNull();
		const visitor = await app.caller();
		expect((await visitor.search.organizations({ q: 'Tizi Ousli' })).total).toBe(0);
		await syncSearch(app);
		expect((await outboxRow(org.id)).processed_at).not.toBeNull();
		expect((await visitor.search.organizations({ q: 'Tizi Ousli' })).hits[0].id).toBe(org.id);
	});

	it('retries refused changes with backoff, and they go through once Meilisearch accepts', async () => {
		// An index created with another primary key refuses every document we send it.
		const prefix = `${app.env.MEILI_INDEX_PREFIX}pk_`;
		const deps: AppDeps = { ...app.deps, env: { ...app.env, MEILI_INDEX_PREFIX: prefix } };
		const uid = organizationsIndexUid(deps);
		await app.meili.createIndex(uid, { primaryKey: 'slug' }).waitTask();
		const a = await createOrganization(app, { name_fr: 'Coopérative Refus A' });
		const b = await createOrganization(app, { name_fr: 'Coopérative Refus B' });
		const first = await drainOutbox(deps);
		expect(first.unreachable).toBeNull();
		expect(first.failed).toBeGreaterThanOrEqual(2);
		for (const id of [a.id, b.id]) {
			const row = await outboxRow(id);
			expect(row.processed_at).toBeNull();
			expect(row.attempts).toBe(1);
			expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
		}
		// Not due yet: nothing is retried at once.
		expect((await drainOutbox(deps)).failed).toBe(0);

		await app.meili.deleteIndex(uid).waitTask();
		await applyIndexSettings(app.meili, prefix, ALL_INDEXES);
		await new Promise((r) => setTimeout(r, 1100));
		const retry = await drainOutbox(deps);
		expect(retry.failed).toBe(0);
		expect((await outboxRow(a.id)).processed_at).not.toBeNull();
		expect((await indexedDocuments({ deps })).has(b.id)).toBe(true);
	});
});

describe('Meilisearch killed during a sync', () => {
	freshApp();
	it('loses nothing: writes go on, and once it is back the index equals the database', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-kill-'));
		const port = await findFreePort();
		const quiet = () => {};
		let meili = await startEmbeddedMeilisearch({ dataDir: dir, log: quiet, port });
		const deps: AppDeps = { ...app.deps, meili: createMeiliClient(meili.url, meili.masterKey) };
		await applyIndexSettings(deps.meili, app.env.MEILI_INDEX_PREFIX, ALL_INDEXES);
		const worker = startSearchWorker(deps, {
			pollMs: 100,
			maxPauseMs: 400,
			batchSize: 40,
			rebuildEmptyIndex: false
		});
		try {
			await seedGeneratedOrganizations(deps, {
				count: 600,
				progress: silentProgress,
				namespace: 'kill-test'
			});
			const done = async () =>
				(
					await app.db.query<{ n: number }>(
						'SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NOT NULL'
					)
				).rows[0].n;
			const before = await done();
			await until('the first batches', async () => (await done()) >= before + 40, 30_000);
			process.kill(meili.pid!, 'SIGKILL');
			const killedAt = await done();

			// Writes keep succeeding while search is down.
			const { rows } = await app.db.query<{ id: string }>(
				`SELECT id FROM organizations WHERE status = 'published' ORDER BY id LIMIT 30`
			);
			for (const [i, { id }] of rows.entries()) {
				if (i < 20) await updateOrganization(app, id, `name_fr = $2`, [`Renamed while down ${i}`]);
				else await updateOrganization(app, id, `status = 'hidden'`);
			}
			await createOrganization(app, { name_fr: 'Coopérative Née Pendant La Panne' });
			expect((await checkHealth(deps)).search).toBe('down');
			await new Promise((r) => setTimeout(r, 800));
			expect(await done()).toBeLessThan(
				(await app.db.query('SELECT 1 FROM search_outbox')).rowCount!
			);
			expect(await done()).toBeGreaterThanOrEqual(killedAt);

			meili = await startEmbeddedMeilisearch({ dataDir: dir, log: quiet, port });
			await until('the outbox to drain', async () => {
				const { rows } = await app.db.query<{ n: number }>(
					'SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL AND next_attempt_at <= now()'
				);
				return rows[0].n === 0;
			});
			await worker.idle();
			await expectIndexEqualsDatabase(deps);
			const res = await deps.meili
				.index(organizationsIndexUid(deps))
				.search('Renamed while down 7');
			expect(res.hits[0]?.name_fr).toBe('Renamed while down 7');
		} finally {
			await worker.stop();
			await meili.stop();
			await rm(dir, { recursive: true, force: true });
		}
	}, 120_000);
});

describe('search:reindex', () => {
	freshApp();
	it('swaps in a fresh index while search keeps answering, and keeps edits made meanwhile', async () => {
		await seedGeneratedOrganizations(app.deps, {
			count: 300,
			progress: silentProgress,
			namespace: 'reindex-test'
		});
		await syncSearch(app);
		const visitor = await app.caller();
		const totalBefore = (await visitor.search.organizations({ q: '' })).total;

		let searching = true;
		const answers: { total: number; degraded: boolean }[] = [];
		const searches = (async () => {
			while (searching) answers.push(await visitor.search.organizations({ q: '' }));
		})();
		const target = (await searchableIds(app))[0];
		const reindex = reindexOrganizations(app.deps, { chunkSize: 50 });
		// An edit during the rebuild, synced into the old index by the worker.
		await updateOrganization(
			app,
			target,
			`name_fr = 'Coopérative Éditée Pendant La Reconstruction'`
		);
		await syncSearch(app);
		const { documents } = await reindex;
		searching = false;
		await searches;
		await syncSearch(app);

		expect(documents).toBe(totalBefore);
		expect(answers.length).toBeGreaterThan(0);
		expect(answers.every((a) => !a.degraded && a.total === totalBefore)).toBe(true);
		const hit = (await visitor.search.organizations({ q: 'Éditée Pendant La Reconstruction' }))
			.hits[0];
		expect(hit?.id).toBe(target);
		await expectIndexEqualsDatabase(app.deps);
		const { results } = await app.meili.getIndexes({ limit: 1000 });
		// The fresh index was swapped in and the old one deleted: no reindex index is left over.
		const ours = results
			.map((i) => i.uid)
			.filter((uid) => uid.startsWith(app.env.MEILI_INDEX_PREFIX));
		expect(ours).toContain(organizationsIndexUid(app.deps));
		expect(ours.filter((uid) => uid.includes('_reindex_'))).toEqual([]);
	}, 120_000);
});
