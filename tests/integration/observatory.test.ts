import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { computeObservatory, toCsv } from '../../src/lib/server/observatory/observatory.service';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
	await seedFixture();
});
afterAll(() => app?.close());

/**
 * A small region: cooperatives in three provinces and four sectors with members, some verified,
 * a draft and a hidden one (never counted), partners, clusters, accepted connections over months
 * and messages over weeks.
 */
async function seedFixture() {
	const coops: [string, string, string[], number, number, number, boolean, string][] = [
		// province, status, sectors, total, women, youth, verified, created
		['taourirt', 'published', ['agriculture', 'agrifood'], 30, 25, 10, true, '2026-01-10'],
		['taourirt', 'published', ['agrifood'], 12, 12, 3, false, '2026-02-10'],
		['berkane', 'published', ['agriculture'], 40, 10, 15, true, '2026-03-01'],
		['berkane', 'published', ['beekeeping'], 8, 2, 8, false, '2026-03-20'],
		['figuig', 'published', ['agriculture'], 20, 5, 5, false, '2026-04-05'],
		['figuig', 'draft', ['agriculture'], 99, 99, 99, false, '2026-04-05'],
		['nador', 'hidden', ['fishing'], 50, 1, 1, true, '2026-04-05']
	];
	const ids: string[] = [];
	for (const [
		i,
		[province, status, sectors, total, women, youth, verified, created]
	] of coops.entries()) {
		const { rows } = await app.db.query<{ id: string }>(
			`INSERT INTO organizations (kind, slug, name_fr, province, status, members_total, members_women, members_youth, verified_at, created_at)
			 VALUES ('cooperative', $1, $1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN $8::timestamptz END, $8::timestamptz) RETURNING id`,
			[`coop-obs-${i}`, province, status, total, women, youth, verified, created]
		);
		ids.push(rows[0].id);
		for (const s of sectors)
			await app.db.query('INSERT INTO organization_sectors VALUES ($1, $2)', [rows[0].id, s]);
	}
	for (const [i, country] of ['FR', 'FR', 'SN'].entries()) {
		await app.db.query(
			`INSERT INTO organizations (kind, slug, name_fr, country, status, created_at) VALUES ('partner', $1, $1, $2, 'published', '2026-01-05')`,
			[`partner-obs-${i}`, country]
		);
	}
	const months = ['2026-02-15', '2026-03-10', '2026-03-25', '2026-05-02'];
	for (const [i, at] of months.entries()) {
		await app.db.query(
			`INSERT INTO connections (from_org_id, to_org_id, status, responded_at) VALUES ($1, $2, 'accepted', $3)`,
			[ids[i], ids[i + 1], at]
		);
	}
	await app.db.query(
		`INSERT INTO connections (from_org_id, to_org_id, status) VALUES ($1, $2, 'pending')`,
		[ids[0], ids[4]]
	);
	const owner = await app.user();
	await app.db.query(`INSERT INTO organization_members VALUES ($1, $2, 'owner')`, [
		ids[0],
		owner.id
	]);
	await app.db.query(
		`INSERT INTO clusters (slug, name_fr, sector_code, coordinator_org_id, status, provinces, created_at) VALUES
		 ('cl-a', 'A', 'agrifood', $1, 'active', '{taourirt}', '2026-05-01'), ('cl-b', 'B', 'agriculture', $1, 'forming', '{berkane}', '2026-05-01'),
		 ('cl-c', 'C', 'agriculture', $1, 'active', '{taourirt,berkane}', '2026-05-01')`,
		[ids[0]]
	);
	const conv = async (a: number, b: number) => {
		const [x, y] = [ids[a], ids[b]].sort();
		const { rows } = await app.db.query<{ id: string }>(
			`INSERT INTO conversations (kind, org_a_id, org_b_id) VALUES ('direct', $1, $2) RETURNING id`,
			[x, y]
		);
		return rows[0].id;
	};
	const c1 = await conv(0, 1);
	const c2 = await conv(2, 3);
	let seq = 0;
	const msg = (c: string, org: number, at: string) =>
		app.db.query(
			`INSERT INTO messages (conversation_id, seq, sender_user_id, sender_org_id, client_id, body, created_at) VALUES ($1, $2, $3, $4, $5, 'x', $6)`,
			[c, ++seq, owner.id, ids[org], `client-${seq}-abcdef`, at]
		);
	await msg(c1, 0, '2026-03-02T10:00:00Z');
	await msg(c1, 1, '2026-03-03T10:00:00Z');
	await msg(c2, 2, '2026-03-04T10:00:00Z');
	await msg(c1, 0, '2026-03-10T10:00:00Z');
}

const FILTERS = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };

/** The same figures straight from SQL, written independently of the service. */
async function sql<T>(text: string, params: unknown[] = []) {
	return (await app.db.query(text, params)).rows as T[];
}

describe('observatory figures equal SQL counts', () => {
	it('totals, shares and breakdowns over published cooperatives', async () => {
		const o = await computeObservatory(app.db, FILTERS, { staff: false });
		const [t] = await sql<{ c: number; m: number; w: number; y: number; v: number }>(
			`SELECT count(*)::int c, sum(members_total)::int m, sum(members_women)::int w, sum(members_youth)::int y, count(verified_at)::int v
			 FROM organizations WHERE kind = 'cooperative' AND status = 'published'`
		);
		expect(o.totals).toEqual({
			cooperatives: t.c,
			partners: 3,
			members: t.m,
			women: t.w,
			youth: t.y,
			verified: t.v
		});
		expect(o.totals).toMatchObject({
			cooperatives: 5,
			members: 110,
			women: 54,
			youth: 41,
			verified: 2
		});
		const sectors = await sql<{ code: string; count: number }>(
			`SELECT s.sector_code code, count(*)::int count FROM organization_sectors s JOIN organizations o ON o.id = s.organization_id
			 WHERE o.kind = 'cooperative' AND o.status = 'published' GROUP BY 1 ORDER BY 2 DESC, 1`
		);
		expect(o.bySector).toEqual(sectors);
		const provinces = await sql<{ code: string; count: number }>(
			`SELECT province code, count(*)::int count, sum(members_total)::int members, sum(members_women)::int women, sum(members_youth)::int youth
			 FROM organizations WHERE kind = 'cooperative' AND status = 'published' GROUP BY 1 ORDER BY 2 DESC, 1`
		);
		expect(o.byProvince).toEqual(provinces);
		expect(o.clustersByStatus).toEqual(
			await sql(`SELECT status code, count(*)::int count FROM clusters GROUP BY 1 ORDER BY 1`)
		);
	});

	it('connections accepted per month and active conversations per week, inside the period', async () => {
		const o = await computeObservatory(app.db, FILTERS, { staff: false });
		expect(o.connectionsPerMonth).toEqual([
			{ period: '2026-02', count: 1 },
			{ period: '2026-03', count: 2 },
			{ period: '2026-05', count: 1 }
		]);
		expect(o.conversationsPerWeek).toEqual([
			{ period: '2026-W10', count: 2 },
			{ period: '2026-W11', count: 1 }
		]);
		const narrow = await computeObservatory(
			app.db,
			{ from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
			{ staff: false }
		);
		expect(narrow.connectionsPerMonth).toEqual([{ period: '2026-03', count: 2 }]);
	});

	it('filters by province and sector', async () => {
		const o = await computeObservatory(
			app.db,
			{ ...FILTERS, province: 'taourirt' },
			{ staff: false }
		);
		expect(o.totals).toMatchObject({ cooperatives: 2, members: 42, women: 37, verified: 1 });
		expect(o.clustersByStatus).toEqual([{ code: 'active', count: 2 }]);
		const agri = await computeObservatory(
			app.db,
			{ ...FILTERS, sector: 'agriculture' },
			{ staff: false }
		);
		expect(agri.totals.cooperatives).toBe(3);
		expect(agri.bySector).toEqual([{ code: 'agriculture', count: 3 }]);
	});

	it('the staff view adds figures the public page does not show', async () => {
		const pub = await computeObservatory(app.db, FILTERS, { staff: false });
		expect(pub.staff).toBeUndefined();
		const staff = await computeObservatory(app.db, FILTERS, { staff: true });
		expect(staff.staff!.partnerCountries).toEqual([
			{ code: 'FR', count: 2 },
			{ code: 'SN', count: 1 }
		]);
		expect(staff.staff!.organizationsByStatus).toEqual(
			await sql(`SELECT status code, count(*)::int count FROM organizations GROUP BY 1 ORDER BY 1`)
		);
	});

	it('exports CSV that spreadsheets read right, and defuses formulas', () => {
		const csv = toCsv(
			['الإقليم', 'count'],
			[
				['تاوريرت', 2],
				['=HYPERLINK("x")', 1],
				['a,b', 3]
			]
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('تاوريرت,2\r\n');
		expect(csv).toContain(`"'=HYPERLINK(""x"")",1`);
		expect(csv).toContain('"a,b",3');
	});

	it('is public through tRPC, with bad filters refused as 400', async () => {
		const visitor = await app.caller(null);
		await expect(visitor.observatory.get({ province: 'taourirt' })).resolves.toMatchObject({
			totals: { cooperatives: 2 }
		});
		await expect(
			visitor.observatory.get({ from: '2026-05-01', to: '2026-01-01' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});
});
