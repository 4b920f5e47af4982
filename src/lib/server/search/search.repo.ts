import type { Queryable } from '$lib/server/db/db';
import type { OrganizationRow, SearchDocumentRow } from './documents';

/**
 * Who search may show: published and not (or no longer) suspended. Drafts and hidden
 * organizations are not published. Every search path (index, degraded, counts) uses this one rule.
 */
export const SEARCHABLE_ORG = `o.status = 'published' AND (o.suspended_until IS NULL OR o.suspended_until <= now())`;

const ORGANIZATION_ROWS = `
SELECT o.id, o.slug, o.kind, o.partner_type,
  o.name_ar, o.name_fr, o.name_en, o.description_ar, o.description_fr, o.description_en,
  o.province, o.town, o.country, o.region, o.lat, o.lng, o.members_total, o.members_women,
  o.verified_at IS NOT NULL AS verified, o.logo_path, o.updated_at,
  (${SEARCHABLE_ORG}) AS searchable,
  CASE WHEN o.status = 'published' AND o.suspended_until > now() THEN o.suspended_until END AS suspended_until,
  coalesce((SELECT array_agg(s.sector_code ORDER BY s.sector_code) FROM organization_sectors s
            WHERE s.organization_id = o.id), '{}') AS sectors,
  coalesce((SELECT json_agg(json_build_object(
              'kind', l.kind, 'category', l.category_code, 'stage', l.stage_code,
              'title_ar', l.title_ar, 'title_fr', l.title_fr, 'title_en', l.title_en,
              'text_ar', l.text_ar, 'text_fr', l.text_fr, 'text_en', l.text_en)
            ORDER BY l.created_at, l.id)
            FROM listings l WHERE l.organization_id = o.id), '[]') AS listings
FROM organizations o`;

/** The current state of these organizations (missing ids were deleted). */
export async function loadOrganizationRows(
	db: Queryable,
	ids: string[]
): Promise<OrganizationRow[]> {
	const { rows } = await db.query<OrganizationRow>(
		`${ORGANIZATION_ROWS} WHERE o.id = ANY($1::uuid[])`,
		[ids]
	);
	return rows;
}

/** Searchable organizations in id order, `limit` after `afterId` (the reindex walks them all). */
export async function loadSearchableChunk(
	db: Queryable,
	afterId: string | null,
	limit: number
): Promise<OrganizationRow[]> {
	const { rows } = await db.query<OrganizationRow>(
		`${ORGANIZATION_ROWS} WHERE ${SEARCHABLE_ORG} AND ($1::uuid IS NULL OR o.id > $1::uuid)
		 ORDER BY o.id LIMIT $2`,
		[afterId, limit]
	);
	return rows;
}

export async function countSearchableOrganizations(db: Queryable): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM organizations o WHERE ${SEARCHABLE_ORG}`
	);
	return rows[0].n;
}

/**
 * Writes documents, but only for organizations that are still searchable at this instant: one
 * hidden meanwhile has its own outbox row, and must not come back through a stale read.
 */
export async function upsertSearchDocuments(db: Queryable, docs: SearchDocumentRow[]) {
	if (!docs.length) return;
	await db.query(
		`INSERT INTO search_documents AS d (organization_id, kind, province, country, sectors,
		   offer_categories, need_categories, stages, verified, women_led, lat, lng, names, body, doc, synced_at)
		 SELECT r.organization_id, r.kind, r.province, r.country, r.sectors, r.offer_categories,
		   r.need_categories, r.stages, r.verified, r.women_led, r.lat, r.lng, r.names, r.body, r.doc, now()
		 FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, kind text, province text,
		   country text, sectors text[], offer_categories text[], need_categories text[], stages text[],
		   verified boolean, women_led boolean, lat double precision, lng double precision,
		   names text, body text, doc jsonb)
		 WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = r.organization_id AND ${SEARCHABLE_ORG})
		 ON CONFLICT (organization_id) DO UPDATE SET kind = excluded.kind, province = excluded.province,
		   country = excluded.country, sectors = excluded.sectors, offer_categories = excluded.offer_categories,
		   need_categories = excluded.need_categories, stages = excluded.stages, verified = excluded.verified,
		   women_led = excluded.women_led, lat = excluded.lat, lng = excluded.lng, names = excluded.names,
		   body = excluded.body, doc = excluded.doc, synced_at = now()`,
		[JSON.stringify(docs)]
	);
}

export async function deleteSearchDocuments(db: Queryable, ids: string[]) {
	if (!ids.length) return;
	await db.query('DELETE FROM search_documents WHERE organization_id = ANY($1::uuid[])', [ids]);
}

/** After a reindex: rows nothing refreshed since it started belong to no searchable organization. */
export async function deleteSearchDocumentsSyncedBefore(db: Queryable, before: Date) {
	await db.query('DELETE FROM search_documents WHERE synced_at < $1', [before]);
}

/**
 * Where "distance from my organization" starts: the signed-in user's organization (owned first),
 * its own position or its town's.
 */
export async function userOrganizationPlace(
	db: Queryable,
	userId: string
): Promise<{
	lat: number | null;
	lng: number | null;
	province: string | null;
	town: string | null;
} | null> {
	const { rows } = await db.query<{
		lat: number | null;
		lng: number | null;
		province: string | null;
		town: string | null;
	}>(
		`SELECT o.lat, o.lng, o.province, o.town FROM organization_members om
		 JOIN organizations o ON o.id = om.organization_id
		 WHERE om.user_id = $1
		 ORDER BY (om.role = 'owner') DESC, (o.lat IS NOT NULL) DESC, om.created_at LIMIT 1`,
		[userId]
	);
	return rows[0] ?? null;
}
