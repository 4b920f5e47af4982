import type { Queryable } from '$lib/server/db/db';
import type { OrgRole } from './membership';

export interface MemberRow {
	user_id: string;
	display_name: string;
	email: string;
	role: OrgRole;
	created_at: Date;
}

export interface InvitationRow {
	id: string;
	organization_id: string;
	email: string;
	role: OrgRole;
	invited_by: string | null;
	expires_at: Date;
	accepted_at: Date | null;
	revoked_at: Date | null;
	created_at: Date;
}

export async function insertMember(db: Queryable, orgId: string, userId: string, role: OrgRole) {
	await db.query(
		'INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)',
		[orgId, userId, role]
	);
}

export async function listMembers(db: Queryable, orgId: string): Promise<MemberRow[]> {
	const { rows } = await db.query<MemberRow>(
		`SELECT om.user_id, u.display_name, u.email, om.role, om.created_at
		 FROM organization_members om JOIN users u ON u.id = om.user_id
		 WHERE om.organization_id = $1
		 ORDER BY CASE om.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, om.created_at`,
		[orgId]
	);
	return rows;
}

export async function countOwners(db: Queryable, orgId: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM organization_members WHERE organization_id = $1 AND role = 'owner'`,
		[orgId]
	);
	return rows[0].n;
}

/** How many organizations the user owns (a cap keeps one account from flooding the directory). */
export async function countOwned(db: Queryable, userId: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM organization_members WHERE user_id = $1 AND role = 'owner'`,
		[userId]
	);
	return rows[0].n;
}

export async function updateRole(db: Queryable, orgId: string, userId: string, role: OrgRole) {
	await db.query(
		'UPDATE organization_members SET role = $3 WHERE organization_id = $1 AND user_id = $2',
		[orgId, userId, role]
	);
}

export async function deleteMember(db: Queryable, orgId: string, userId: string) {
	await db.query('DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2', [
		orgId,
		userId
	]);
}

export async function isMemberByEmail(db: Queryable, orgId: string, email: string) {
	const { rowCount } = await db.query(
		`SELECT 1 FROM organization_members om JOIN users u ON u.id = om.user_id
		 WHERE om.organization_id = $1 AND u.email = $2`,
		[orgId, email]
	);
	return (rowCount ?? 0) > 0;
}

// --- invitations ------------------------------------------------------------------------------

export async function insertInvitation(
	db: Queryable,
	inv: {
		orgId: string;
		email: string;
		role: OrgRole;
		tokenHash: string;
		invitedBy: string;
		expiresAt: Date;
	}
): Promise<InvitationRow> {
	const { rows } = await db.query<InvitationRow>(
		`INSERT INTO organization_invitations (organization_id, email, role, token_hash, invited_by, expires_at)
		 VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
		[inv.orgId, inv.email, inv.role, inv.tokenHash, inv.invitedBy, inv.expiresAt]
	);
	return rows[0];
}

/** A new invitation to the same address replaces the pending one (its link stops working). */
export async function revokePendingFor(db: Queryable, orgId: string, email: string) {
	await db.query(
		`UPDATE organization_invitations SET revoked_at = now()
		 WHERE organization_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
		[orgId, email]
	);
}

export async function revokeInvitation(db: Queryable, orgId: string, id: string) {
	const { rowCount } = await db.query(
		`UPDATE organization_invitations SET revoked_at = now()
		 WHERE organization_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
		[orgId, id]
	);
	return (rowCount ?? 0) > 0;
}

export async function listPendingInvitations(
	db: Queryable,
	orgId: string
): Promise<InvitationRow[]> {
	const { rows } = await db.query<InvitationRow>(
		`SELECT * FROM organization_invitations
		 WHERE organization_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
		 ORDER BY created_at DESC LIMIT 200`,
		[orgId]
	);
	return rows;
}

export async function findInvitationByHash(
	db: Queryable,
	tokenHash: string
): Promise<InvitationRow | null> {
	const { rows } = await db.query<InvitationRow>(
		'SELECT * FROM organization_invitations WHERE token_hash = $1',
		[tokenHash]
	);
	return rows[0] ?? null;
}

/** Marks a usable invitation accepted, atomically: a second use (or a race) finds nothing. */
export async function consumeInvitation(
	db: Queryable,
	tokenHash: string,
	userId: string
): Promise<InvitationRow | null> {
	const { rows } = await db.query<InvitationRow>(
		`UPDATE organization_invitations SET accepted_at = now(), accepted_by = $2
		 WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
		 RETURNING *`,
		[tokenHash, userId]
	);
	return rows[0] ?? null;
}
