import type { Queryable } from '$lib/server/db/db';

export interface VerificationRow {
	id: string;
	organization_id: string;
	registration_number: string;
	document_path: string | null;
	document_type: string | null;
	note: string | null;
	status: 'pending' | 'verified' | 'rejected';
	requested_by: string | null;
	decided_by: string | null;
	reason: string | null;
	decided_at: Date | null;
	created_at: Date;
}

export async function insertRequest(
	db: Queryable,
	r: {
		organizationId: string;
		registrationNumber: string;
		documentPath: string | null;
		documentType: string | null;
		note: string | null;
		requestedBy: string;
	}
): Promise<VerificationRow | null> {
	const { rows } = await db.query<VerificationRow>(
		`INSERT INTO verification_requests (organization_id, registration_number, document_path, document_type, note, requested_by)
		 VALUES ($1, $2, $3, $4, $5, $6)
		 ON CONFLICT (organization_id) WHERE status = 'pending' DO NOTHING
		 RETURNING *`,
		[r.organizationId, r.registrationNumber, r.documentPath, r.documentType, r.note, r.requestedBy]
	);
	return rows[0] ?? null;
}

export async function findRequest(
	db: Queryable,
	id: string,
	forUpdate = false
): Promise<VerificationRow | null> {
	const { rows } = await db.query<VerificationRow>(
		`SELECT * FROM verification_requests WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
		[id]
	);
	return rows[0] ?? null;
}

export async function listForOrganization(
	db: Queryable,
	organizationId: string
): Promise<VerificationRow[]> {
	const { rows } = await db.query<VerificationRow>(
		'SELECT * FROM verification_requests WHERE organization_id = $1 ORDER BY created_at DESC',
		[organizationId]
	);
	return rows;
}

export async function decide(
	db: Queryable,
	id: string,
	status: 'verified' | 'rejected',
	staffId: string,
	reason: string | null
) {
	await db.query(
		`UPDATE verification_requests SET status = $2, decided_by = $3, reason = $4, decided_at = now() WHERE id = $1`,
		[id, status, staffId, reason]
	);
}

export async function setVerified(db: Queryable, organizationId: string, staffId: string | null) {
	await db.query(
		`UPDATE organizations SET verified_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END, verified_by = $2, updated_at = now() WHERE id = $1`,
		[organizationId, staffId]
	);
}

export interface QueueItem extends VerificationRow {
	slug: string;
	kind: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	province: string | null;
	country: string;
	org_registration_number: string | null;
	requester_name: string | null;
	total: number;
}

export async function listQueue(
	db: Queryable,
	opts: { status: 'pending' | 'verified' | 'rejected'; limit: number; offset: number }
): Promise<QueueItem[]> {
	const { rows } = await db.query<QueueItem>(
		`SELECT v.*, o.slug, o.kind, o.name_ar, o.name_fr, o.name_en, o.province, o.country, o.registration_number AS org_registration_number,
			u.display_name AS requester_name, count(*) OVER ()::int AS total
		 FROM verification_requests v
		 JOIN organizations o ON o.id = v.organization_id
		 LEFT JOIN users u ON u.id = v.requested_by
		 WHERE v.status = $1
		 ORDER BY CASE WHEN $1 = 'pending' THEN v.created_at END ASC, v.decided_at DESC NULLS LAST
		 LIMIT $2 OFFSET $3`,
		[opts.status, opts.limit, opts.offset]
	);
	return rows;
}
