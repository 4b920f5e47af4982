import type { Queryable } from '$lib/server/db/db';

/**
 * Everything staff need to judge a request, beside it: the whole profile, its sectors, offers and
 * needs, its members (who they are, since when) and the organization's earlier requests.
 */
export async function getOrganizationDossier(db: Queryable, organizationId: string) {
	const [org, sectors, listings, members, history] = await Promise.all([
		db.query(`SELECT * FROM organizations WHERE id = $1`, [organizationId]),
		db.query<{ sector_code: string }>(
			'SELECT sector_code FROM organization_sectors WHERE organization_id = $1 ORDER BY sector_code',
			[organizationId]
		),
		db.query<{
			id: string;
			kind: string;
			category_code: string;
			stage_code: string;
			title_ar: string | null;
			title_fr: string | null;
			title_en: string | null;
		}>(
			'SELECT id, kind, category_code, stage_code, title_ar, title_fr, title_en FROM listings WHERE organization_id = $1 ORDER BY kind, created_at',
			[organizationId]
		),
		db.query<{
			display_name: string;
			email: string;
			role: string;
			created_at: Date;
			user_created_at: Date;
		}>(
			`SELECT u.display_name, u.email, m.role, m.created_at, u.created_at AS user_created_at
			 FROM organization_members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 ORDER BY m.created_at`,
			[organizationId]
		),
		db.query<{
			id: string;
			status: string;
			registration_number: string;
			reason: string | null;
			created_at: Date;
			decided_at: Date | null;
		}>(
			'SELECT id, status, registration_number, reason, created_at, decided_at FROM verification_requests WHERE organization_id = $1 ORDER BY created_at DESC',
			[organizationId]
		)
	]);
	if (!org.rows[0]) return null;
	return {
		organization: org.rows[0] as Record<string, unknown> & {
			id: string;
			slug: string;
			kind: string;
			status: string;
		},
		sectors: sectors.rows.map((r) => r.sector_code),
		listings: listings.rows,
		members: members.rows,
		requests: history.rows
	};
}
