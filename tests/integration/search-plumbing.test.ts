import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { applyIndexSettings, indexUid, searchHealth } from '../../src/lib/server/search/indexes';
import { ALL_INDEXES } from '../../src/lib/server/search/index-definitions';
import { createMeiliClient } from '../../src/lib/server/search/meili-client';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

describe('Meilisearch plumbing', () => {
	it('applies the Arabic settings from code at boot', async () => {
		for (const def of ALL_INDEXES) {
			const settings = await app.meili
				.index(indexUid(app.env.MEILI_INDEX_PREFIX, def.name))
				.getSettings();
			expect(settings.stopWords).toContain('ال');
			expect(settings.typoTolerance?.minWordSizeForTypos?.oneTypo).toBe(4);
			expect(settings.localizedAttributes).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ locales: ['ara'] }),
					expect.objectContaining({ locales: ['fra'] })
				])
			);
		}
	});

	it('is idempotent: a second boot enqueues no settings task', async () => {
		// Only this file's indexes: other test files share the Meilisearch server.
		const indexUids = ALL_INDEXES.map((d) => indexUid(app.env.MEILI_INDEX_PREFIX, d.name));
		const before = await app.meili.tasks.getTasks({ indexUids, limit: 1 });
		await applyIndexSettings(app.meili, app.env.MEILI_INDEX_PREFIX, ALL_INDEXES);
		const after = await app.meili.tasks.getTasks({ indexUids, limit: 1 });
		expect(after.results[0]?.uid).toBe(before.results[0]?.uid);
	});

	it('reports health: up for the real server, down for a closed port', async () => {
		expect(await searchHealth(app.meili)).toBe('up');
		expect(await searchHealth(createMeiliClient('http://127.0.0.1:1', 'x'.repeat(16)))).toBe(
			'down'
		);
	});
});
