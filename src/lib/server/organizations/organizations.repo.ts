import type { Queryable } from '$lib/server/db/db';
import type { OrgRole } from './membership';

export interface OrgRow {
	id: string;
	kind: 'cooperative' | 'partner';
	partner_type: string | null;
	slug: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	description_ar: string | null;
	description_fr: string | null;
	description_en: string | null;
	province: string | null;
	town: string | null;
	country: string;
	region: string | null;
	lat: number | null;
	lng: number | null;
	founded_year: number | null;
	members_total: number | null;
	members_women: number | null;
	members_youth: number | null;
	legal_form: string | null;
	registration_number: string | null;
	certifications: string[];
	languages: string[];
	contact_email: string | null;
	contact_phone: string | null;
	website: string | null;
	logo_path: string | null;
	status: 'draft' | 'published' | 'hidden';
	suspended_until: Date | null;
	verified_at: Date | null;
	created_at: Date;
	updated_at: Date;
	last_active_at: Date;
}

/** The columns a profile edit writes, in this order (names are constants, values parameters). */
export const PROFILE_COLUMNS = [
	'partner_type',
	'name_ar',
	'name_fr',
	'name_en',
	'description_ar',
	'description_fr',
	'description_en',
	'province',
	'town',
	'country',
	'region',
	'lat',
	'lng',
	'founded_year',
	'members_total',
	'members_women',
	'members_youth',
	'legal_form',
	'registration_number',
	'certifications',
	'languages',
	'contact_email',
	'contact_phone',
	'website'
] as const;
export type ProfileColumns = { [K in (typeof PROFILE_COLUMNS)[number]]: OrgRow[K] };

const values = (p: ProfileColumns) => PROFILE_COLUMNS.map((c) => p[c]);

export async function insertOrganization(
	db: Queryable,
	org: { kind: OrgRow['kind']; slug: string; createdBy: string; profile: ProfileColumns }
): Promise<{ id: string; slug: string }> {
	const offset = 4;
	const { rows } = await db.query<{ id: string; slug: string }>(
		`INSERT INTO organizations (kind, slug, created_by, ${PROFILE_COLUMNS.join(', ')})
		 VALUES ($1, $2, $3, ${PROFILE_COLUMNS.map((_, i) => `$${i + offset}`).join(', ')})
		 RETURNING id, slug`,
		[org.kind, org.slug, org.createdBy, ...values(org.profile)]
	);
	return rows[0];
}

export async function updateProfile(db: Queryable, id: string, profile: ProfileColumns) {
	await db.query(
		`UPDATE organizations SET ${PROFILE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}
		 WHERE id = $1`,
		[id, ...values(profile)]
	);
}

/** Slugs equal to `base` or `base-…`: the candidates a new slug must avoid. */
export async function findTakenSlugs(db: Queryable, base: string): Promise<string[]> {
	const { rows } = await db.query<{ slug: string }>(
		`SELECT slug FROM organizations WHERE slug = $1 OR slug LIKE $2`,
		[base, `${base.replace(/[\\%_]/g, '\\$&')}-%`]
	);
	return rows.map((r) => r.slug);
}

export async function replaceSectors(db: Queryable, id: string, sectors: string[]) {
	await db.query('DELETE FROM organization_sectors WHERE organization_id = $1', [id]);
	await db.query(
		`INSERT INTO organization_sectors (organization_id, sector_code)
		 SELECT $1, unnest($2::text[])`,
		[id, sectors]
	);
}

export async function listSectors(db: Queryable, id: string): Promise<string[]> {
	const { rows } = await db.query<{ sector_code: string }>(
		`SELECT s.sector_code FROM organization_sectors s JOIN sectors t ON t.code = s.sector_code
		 WHERE s.organization_id = $1 ORDER BY t.sort`,
		[id]
	);
	return rows.map((r) => r.sector_code);
}

/** Recent activity (matching ranks by it) and the edit time. */
export async function touchOrganization(db: Queryable, id: string) {
	await db.query(
		'UPDATE organizations SET last_active_at = now(), updated_at = now() WHERE id = $1',
		[id]
	);
}

export async function setStatus(db: Queryable, id: string, status: 'draft' | 'published') {
	await db.query('UPDATE organizations SET status = $2 WHERE id = $1', [id, status]);
}

/** Sets the logo and returns the previous file name (to delete after commit). */
export async function setLogoPath(
	db: Queryable,
	id: string,
	file: string | null
): Promise<string | null> {
	const { rows } = await db.query<{ logo_path: string | null }>(
		'SELECT logo_path FROM organizations WHERE id = $1 FOR UPDATE',
		[id]
	);
	await db.query('UPDATE organizations SET logo_path = $2 WHERE id = $1', [id, file]);
	return rows[0]?.logo_path ?? null;
}

/** Deletes the organization; members, sectors, listings and invitations go with it (cascade). */
export async function deleteOrganization(db: Queryable, id: string) {
	await db.query('DELETE FROM organizations WHERE id = $1', [id]);
}

export async function findBySlug(db: Queryable, slug: string): Promise<OrgRow | null> {
	const { rows } = await db.query<OrgRow>('SELECT * FROM organizations WHERE slug = $1', [slug]);
	return rows[0] ?? null;
}

export async function findById(db: Queryable, id: string): Promise<OrgRow | null> {
	const { rows } = await db.query<OrgRow>('SELECT * FROM organizations WHERE id = $1', [id]);
	return rows[0] ?? null;
}

/** Locks the organization's row: membership changes on one organization run one at a time. */
export async function lockOrganization(db: Queryable, id: string): Promise<OrgRow | null> {
	const { rows } = await db.query<OrgRow>('SELECT * FROM organizations WHERE id = $1 FOR UPDATE', [
		id
	]);
	return rows[0] ?? null;
}

export interface MyOrgRow {
	id: string;
	slug: string;
	kind: OrgRow['kind'];
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	logo_path: string | null;
	status: OrgRow['status'];
	suspended_until: Date | null;
	verified_at: Date | null;
	role: OrgRole;
	listings: number;
	updated_at: Date;
}

export async function listForUser(db: Queryable, userId: string): Promise<MyOrgRow[]> {
	const { rows } = await db.query<MyOrgRow>(
		`SELECT o.id, o.slug, o.kind, o.name_ar, o.name_fr, o.name_en, o.logo_path, o.status,
		        o.suspended_until, o.verified_at, om.role, o.updated_at,
		        (SELECT count(*)::int FROM listings l WHERE l.organization_id = o.id) AS listings
		 FROM organization_members om JOIN organizations o ON o.id = om.organization_id
		 WHERE om.user_id = $1
		 ORDER BY o.updated_at DESC
		 LIMIT 100`,
		[userId]
	);
	return rows;
}

export async function countMembers(db: Queryable, id: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM organization_members WHERE organization_id = $1',
		[id]
	);
	return rows[0].n;
}
