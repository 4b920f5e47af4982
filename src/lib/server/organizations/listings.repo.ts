import type { Queryable } from '$lib/server/db/db';
import type { ListingKind } from '$lib/organizations/options';

export interface ListingValues {
	kind: ListingKind;
	category_code: string;
	stage_code: string;
	title_ar: string | null;
	title_fr: string | null;
	title_en: string | null;
	text_ar: string | null;
	text_fr: string | null;
	text_en: string | null;
}

export interface ListingRow extends ListingValues {
	id: string;
	organization_id: string;
	created_at: Date;
	updated_at: Date;
}

const COLUMNS = [
	'kind',
	'category_code',
	'stage_code',
	'title_ar',
	'title_fr',
	'title_en',
	'text_ar',
	'text_fr',
	'text_en'
] as const;

export async function insertListing(
	db: Queryable,
	orgId: string,
	v: ListingValues
): Promise<ListingRow> {
	const { rows } = await db.query<ListingRow>(
		`INSERT INTO listings (organization_id, ${COLUMNS.join(', ')})
		 VALUES ($1, ${COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING *`,
		[orgId, ...COLUMNS.map((c) => v[c])]
	);
	return rows[0];
}

/** Updates a listing of this organization (the id alone is not enough: no cross-org edits). */
export async function updateListing(
	db: Queryable,
	orgId: string,
	id: string,
	v: ListingValues
): Promise<boolean> {
	const { rowCount } = await db.query(
		`UPDATE listings SET ${COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
		 WHERE organization_id = $1 AND id = $2`,
		[orgId, id, ...COLUMNS.map((c) => v[c])]
	);
	return (rowCount ?? 0) > 0;
}

export async function deleteListing(db: Queryable, orgId: string, id: string): Promise<boolean> {
	const { rowCount } = await db.query(
		'DELETE FROM listings WHERE organization_id = $1 AND id = $2',
		[orgId, id]
	);
	return (rowCount ?? 0) > 0;
}

export async function listListings(db: Queryable, orgId: string): Promise<ListingRow[]> {
	const { rows } = await db.query<ListingRow>(
		`SELECT * FROM listings WHERE organization_id = $1 ORDER BY kind, created_at`,
		[orgId]
	);
	return rows;
}

export async function countListings(db: Queryable, orgId: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM listings WHERE organization_id = $1',
		[orgId]
	);
	return rows[0].n;
}

export async function findListing(db: Queryable, id: string): Promise<ListingRow | null> {
	const { rows } = await db.query<ListingRow>('SELECT * FROM listings WHERE id = $1', [id]);
	return rows[0] ?? null;
}
