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
