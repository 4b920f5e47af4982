import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { loadMatchingFixture } from '../helpers/matching-fixture';
import { rankSuggestions } from '../../src/lib/server/matching/rank';

/**
 * Matching reads profiles and postings derived by triggers, so the organizations domain (which
 * knows nothing of them) only writes its own tables. These tests change those tables with plain
 * SQL, as any other code would, and look at the suggestions.
 */
let app: TestApp;
let ids: Map<string, string>;
const id = (slug: string) => ids.get(slug)!;
const suggested = async (slug: string) => {
	const { items } = await rankSuggestions(app.db, id(slug), {}, { offset: 0, limit: 50 });
	const slugs = new Map([...ids].map(([s, v]) => [v, s]));
	return items.map((i) => slugs.get(i.id) ?? i.id);
};

beforeAll(async () => {
	app = await createTestApp();
	ids = await loadMatchingFixture(app);
});
afterAll(() => app?.close());

describe('suggestions follow the organizations tables', () => {
	it('a hidden, then republished organization leaves and comes back', async () => {
		expect(await suggested('louz-debdou')).toContain('talfif-taourirt');
		await app.db.query(`UPDATE organizations SET status = 'hidden' WHERE id = $1`, [
			id('talfif-taourirt')
		]);
		expect(await suggested('louz-debdou')).not.toContain('talfif-taourirt');
		await app.db.query(`UPDATE organizations SET status = 'published' WHERE id = $1`, [
			id('talfif-taourirt')
		]);
		expect(await suggested('louz-debdou')).toContain('talfif-taourirt');
	});

	it('a new need brings new counterparts; deleting it takes them away', async () => {
		expect(await suggested('sakan-oujda')).not.toContain('maaddat-oujda');
		const { rows } = await app.db.query<{ id: string }>(
			`INSERT INTO listings (organization_id, kind, category_code, stage_code, title_fr)
			 VALUES ($1, 'need', 'equipment', 'equipment', 'Bétonnière') RETURNING id`,
			[id('sakan-oujda')]
		);
		const after = await suggested('sakan-oujda');
		expect(after).toContain('maaddat-oujda');
		await app.db.query('DELETE FROM listings WHERE id = $1', [rows[0].id]);
		expect(await suggested('sakan-oujda')).not.toContain('maaddat-oujda');
	});

	it('a listing moved to another category, and sectors changed, are seen at once', async () => {
		// The almond growers now offer honey instead: the honey processors want them.
		await app.db.query(
			`UPDATE listings SET category_code = 'honey', stage_code = 'production'
			 WHERE organization_id = $1 AND kind = 'offer'`,
			[id('louz-debdou')]
		);
		expect(await suggested('nahl-isly')).toContain('louz-debdou');
		const [first] = (
			await rankSuggestions(app.db, id('nahl-isly'), { sector: 'housing' }, { offset: 0, limit: 5 })
		).items;
		expect(first).toBeUndefined();
		await app.db.query(`INSERT INTO organization_sectors VALUES ($1, 'housing')`, [
			id('louz-debdou')
		]);
		const housing = await rankSuggestions(
			app.db,
			id('nahl-isly'),
			{ sector: 'housing' },
			{ offset: 0, limit: 5 }
		);
		expect(housing.items.map((i) => i.id)).toEqual([id('louz-debdou')]);
	});

	it('a deleted organization takes its profile and postings with it', async () => {
		await app.db.query('DELETE FROM organizations WHERE id = $1', [id('tabrid-nador')]);
		const { rows } = await app.db.query<{ n: number }>(
			`SELECT (SELECT count(*) FROM match_profiles WHERE organization_id = $1)
			   + (SELECT count(*) FROM match_postings WHERE organization_id = $1) AS n`,
			[id('tabrid-nador')]
		);
		expect(Number(rows[0].n)).toBe(0);
		expect(await suggested('sayd-nador')).not.toContain('tabrid-nador');
	});

	it('a suspension ends on its own date', async () => {
		await app.db.query(
			`UPDATE organizations SET suspended_until = now() - interval '1 minute' WHERE slug = 'suspended-universal'`
		);
		expect(await suggested('couscous-guercif')).toContain('suspended-universal');
	});
});
