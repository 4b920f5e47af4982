import type { Queryable } from '$lib/server/db/db';
import type { SeedOrganization } from './seed-types';

/**
 * Bulk inserts for the seed: one multi-row statement per table per chunk (rows travel as one
 * JSON parameter), so 100,000 organizations take seconds, not minutes. Existing rows (same id or
 * slug) are left alone, which makes seeding idempotent. Returns the ids actually inserted; their
 * sectors, listings and outbox rows are written in the same transaction by the caller's client.
 */
export async function insertSeedOrganizations(
	db: Queryable,
	orgs: SeedOrganization[],
	createdBy: Map<string, string> = new Map()
): Promise<string[]> {
	if (!orgs.length) return [];
	const rows = orgs.map(({ sectors: _s, listings: _l, ...org }) => ({
		...org,
		created_by: createdBy.get(org.id) ?? null
	}));
	const { rows: inserted } = await db.query<{ id: string }>(
		`INSERT INTO organizations (id, kind, partner_type, slug, name_ar, name_fr, name_en,
		   description_ar, description_fr, description_en, province, town, country, region, lat, lng,
		   founded_year, members_total, members_women, members_youth, legal_form, registration_number,
		   certifications, languages, contact_email, status, suspended_until, suspended_reason,
		   verified_at, created_by)
		 SELECT r.id, r.kind, r.partner_type, r.slug, r.name_ar, r.name_fr, r.name_en,
		   r.description_ar, r.description_fr, r.description_en, r.province, r.town, r.country, r.region,
		   r.lat, r.lng, r.founded_year, r.members_total, r.members_women, r.members_youth, r.legal_form,
		   r.registration_number, r.certifications, r.languages, r.contact_email, r.status,
		   now() + make_interval(days => r.suspended_days),
		   CASE WHEN r.suspended_days IS NOT NULL THEN 'seed: suspended for the demo' END,
		   CASE WHEN r.verified THEN now() END, r.created_by
		 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, partner_type text, slug text,
		   name_ar text, name_fr text, name_en text, description_ar text, description_fr text,
		   description_en text, province text, town text, country text, region text,
		   lat double precision, lng double precision, founded_year int, members_total int,
		   members_women int, members_youth int, legal_form text, registration_number text,
		   certifications text[], languages text[], contact_email text, status text,
		   suspended_days int, verified boolean, created_by uuid)
		 ON CONFLICT DO NOTHING
		 RETURNING id`,
		[JSON.stringify(rows)]
	);
	const ids = new Set(inserted.map((r) => r.id));
	const fresh = orgs.filter((o) => ids.has(o.id));
	if (!fresh.length) return [];

	await db.query(
		`INSERT INTO organization_sectors (organization_id, sector_code)
		 SELECT r.organization_id, r.sector_code
		 FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, sector_code text)
		 ON CONFLICT DO NOTHING`,
		[
			JSON.stringify(
				fresh.flatMap((o) => o.sectors.map((s) => ({ organization_id: o.id, sector_code: s })))
			)
		]
	);
	await db.query(
		`INSERT INTO listings (id, organization_id, kind, category_code, stage_code,
		   title_ar, title_fr, title_en, text_ar, text_fr, text_en)
		 SELECT r.id, r.organization_id, r.kind, r.category_code, r.stage_code,
		   r.title_ar, r.title_fr, r.title_en, r.text_ar, r.text_fr, r.text_en
		 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid, kind text,
		   category_code text, stage_code text, title_ar text, title_fr text, title_en text,
		   text_ar text, text_fr text, text_en text)
		 ON CONFLICT DO NOTHING`,
		[JSON.stringify(fresh.flatMap((o) => o.listings.map((l) => ({ ...l, organization_id: o.id }))))]
	);
	// The same rule as every domain write: the change and its outbox rows commit together.
	await db.query(
		`INSERT INTO search_outbox (entity, entity_id) SELECT 'organization', unnest($1::uuid[])`,
		[[...ids]]
	);
	return [...ids];
}

export async function addOwner(db: Queryable, organizationId: string, userId: string) {
	await db.query(
		`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, 'owner')
		 ON CONFLICT DO NOTHING`,
		[organizationId, userId]
	);
}
