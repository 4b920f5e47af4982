import type { Queryable } from '$lib/server/db/db';
import { AppError } from '$lib/server/errors';

export type OrgRole = 'owner' | 'admin' | 'member';
export const MANAGER_ROLES: OrgRole[] = ['owner', 'admin'];

/** The user's role in the organization, or null when not a member. */
export async function getOrgRole(
	db: Queryable,
	organizationId: string,
	userId: string
): Promise<OrgRole | null> {
	const { rows } = await db.query<{ role: OrgRole }>(
		'SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2',
		[organizationId, userId]
	);
	return rows[0]?.role ?? null;
}

/**
 * Authorization for acting on behalf of an organization. A non-member gets NOT_FOUND (the
 * organization's private side does not exist for them); a member without the role gets FORBIDDEN.
 */
export async function requireOrgRole(
	db: Queryable,
	organizationId: string,
	userId: string,
	roles: OrgRole[] = ['owner', 'admin', 'member']
): Promise<OrgRole> {
	const role = await getOrgRole(db, organizationId, userId);
	if (!role) throw new AppError('NOT_FOUND', 'error_not_found');
	if (!roles.includes(role)) throw new AppError('FORBIDDEN', 'error_forbidden');
	return role;
}

/** Every user who may act for the organization (owners and admins): they receive its notifications. */
export async function listOrgManagers(db: Queryable, organizationId: string): Promise<string[]> {
	const { rows } = await db.query<{ user_id: string }>(
		`SELECT user_id FROM organization_members WHERE organization_id = $1 AND role IN ('owner', 'admin')`,
		[organizationId]
	);
	return rows.map((r) => r.user_id);
}

export async function listOrgUserIds(db: Queryable, organizationId: string): Promise<string[]> {
	const { rows } = await db.query<{ user_id: string }>(
		'SELECT user_id FROM organization_members WHERE organization_id = $1',
		[organizationId]
	);
	return rows.map((r) => r.user_id);
}

export interface UserOrg {
	id: string;
	slug: string;
	kind: 'cooperative' | 'partner';
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	status: 'draft' | 'published' | 'hidden';
	role: OrgRole;
}

/** The organizations the user belongs to, managers' first: the "acting for" choices in forms. */
export async function listUserOrgs(db: Queryable, userId: string): Promise<UserOrg[]> {
	const { rows } = await db.query<UserOrg>(
		`SELECT o.id, o.slug, o.kind, o.name_ar, o.name_fr, o.name_en, o.status, m.role
		 FROM organization_members m JOIN organizations o ON o.id = m.organization_id
		 WHERE m.user_id = $1
		 ORDER BY (m.role = 'member'), o.created_at`,
		[userId]
	);
	return rows;
}
