import type { Queryable } from '$lib/server/db/db';
import type { OrgCard } from '$lib/matching/org-card';

/**
 * The few organization fields matching and connections show, read here rather than through the
 * organizations domain so that this domain depends only on the schema.
 */
export interface OrgRow extends OrgCard {
	status: 'draft' | 'published' | 'hidden';
	suspended: boolean;
}

const COLUMNS = `o.id, o.slug, o.kind, o.partner_type AS "partnerType",
	json_build_object('ar', o.name_ar, 'fr', o.name_fr, 'en', o.name_en) AS names,
	o.province, o.town, o.country, o.verified_at IS NOT NULL AS verified, o.status,
	coalesce(o.suspended_until > now(), false) AS suspended`;

export async function findOrgBySlug(db: Queryable, slug: string): Promise<OrgRow | null> {
	const { rows } = await db.query<OrgRow>(
		`SELECT ${COLUMNS} FROM organizations o WHERE o.slug = $1`,
		[slug]
	);
	return rows[0] ?? null;
}

export async function findOrgById(db: Queryable, id: string): Promise<OrgRow | null> {
	const { rows } = await db.query<OrgRow>(
		`SELECT ${COLUMNS} FROM organizations o WHERE o.id = $1`,
		[id]
	);
	return rows[0] ?? null;
}

export async function findOrgCards(db: Queryable, ids: string[]): Promise<Map<string, OrgRow>> {
	if (ids.length === 0) return new Map();
	const { rows } = await db.query<OrgRow>(
		`SELECT ${COLUMNS} FROM organizations o WHERE o.id = ANY ($1::uuid[])`,
		[ids]
	);
	return new Map(rows.map((r) => [r.id, r]));
}

/** The organizations the user belongs to, with the user's role, owners' first. */
export async function listUserOrganizations(
	db: Queryable,
	userId: string
): Promise<(OrgRow & { role: 'owner' | 'admin' | 'member' })[]> {
	const { rows } = await db.query<OrgRow & { role: 'owner' | 'admin' | 'member' }>(
		`SELECT ${COLUMNS}, om.role FROM organization_members om JOIN organizations o ON o.id = om.organization_id
		 WHERE om.user_id = $1
		 ORDER BY CASE om.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, o.slug
		 LIMIT 100`,
		[userId]
	);
	return rows;
}
