import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';
import { insertSeedOrganizations } from '../../src/lib/server/seed/seed.repo';
import {
	BLANK_ORGANIZATION,
	type SeedListing,
	type SeedOrganization
} from '../../src/lib/server/seed/seed-types';
import { enqueueSearchSync } from '../../src/lib/server/search/outbox';
import { drainOutbox } from '../../src/lib/server/search/outbox-worker';
import { organizationsIndexUid } from '../../src/lib/server/search/organizations-sync';
import { findCategory } from '../../src/lib/taxonomy/taxonomy';

/**
 * Organizations for search tests, written the way domain code writes them: the rows and their
 * outbox row in one transaction. (The profile forms are another domain's; these tests only need
 * the data.)
 */
export type OrgFields = Partial<Omit<SeedOrganization, 'listings'>> & {
	listings?: (Partial<SeedListing> & Pick<SeedListing, 'kind' | 'category_code'>)[];
};

export async function createOrganization(app: TestApp, fields: OrgFields = {}) {
	const id = fields.id ?? crypto.randomUUID();
	const org: SeedOrganization = {
		...BLANK_ORGANIZATION,
		id,
		kind: 'cooperative',
		slug: `org-${randomBytes(5).toString('hex')}`,
		province: 'oujda_angad',
		town: 'oujda',
		country: 'MA',
		founded_year: 2015,
		members_total: 10,
		members_women: 3,
		members_youth: 2,
		languages: ['ar'],
		sectors: ['agriculture'],
		...fields,
		listings: (fields.listings ?? []).map((l) => ({
			id: crypto.randomUUID(),
			stage_code: findCategory(l.category_code)!.stage,
			title_ar: null,
			title_fr: null,
			title_en: null,
			text_ar: null,
			text_fr: null,
			text_en: null,
			...l,
			...(l.title_ar || l.title_fr || l.title_en ? {} : { title_fr: l.category_code })
		}))
	};
	if (!org.name_ar && !org.name_fr && !org.name_en) org.name_fr = `Coopérative ${org.slug}`;
	await app.db.tx((client) => insertSeedOrganizations(client, [org]));
	return org;
}

/** An UPDATE of one organization and its outbox row, in one transaction. */
export async function updateOrganization(
	app: TestApp,
	id: string,
	set: string,
	params: unknown[] = []
) {
	await app.db.tx(async (client) => {
		await client.query(`UPDATE organizations SET ${set}, updated_at = now() WHERE id = $1`, [
			id,
			...params
		]);
		await enqueueSearchSync(client, 'organization', id);
	});
}

export async function deleteOrganization(app: TestApp, id: string) {
	await app.db.tx(async (client) => {
		await client.query('DELETE FROM organizations WHERE id = $1', [id]);
		await enqueueSearchSync(client, 'organization', id);
	});
}

/** Drains the outbox now and fails loudly if anything did not sync. */
export async function syncSearch(app: Pick<TestApp, 'deps'>) {
	const result = await drainOutbox(app.deps);
	if (result.unreachable) throw result.unreachable;
	if (result.failed) throw new Error(`${result.failed} outbox rows failed`);
	return result;
}

/** Every document of the organizations index (id -> document). */
export async function indexedDocuments(app: Pick<TestApp, 'deps'>) {
	const index = app.deps.meili.index(organizationsIndexUid(app.deps));
	const out = new Map<string, Record<string, unknown>>();
	for (let offset = 0; ; offset += 1000) {
		const page = await index.getDocuments({ offset, limit: 1000 });
		for (const d of page.results) out.set(String(d.id), d);
		if (page.results.length < 1000) return out;
	}
}

/** Ids of the organizations search may show, straight from the source tables. */
export async function searchableIds(app: Pick<TestApp, 'db'>): Promise<string[]> {
	const { rows } = await app.db.query<{ id: string }>(
		`SELECT id FROM organizations
		 WHERE status = 'published' AND (suspended_until IS NULL OR suspended_until <= now())
		 ORDER BY id`
	);
	return rows.map((r) => r.id);
}
