import { randomBytes } from 'node:crypto';
import type { TestApp, TestUser } from './test-app';

/**
 * An organization straight in the database (for tests of other domains; the organizations
 * domain's own tests go through its service). The user becomes its member with `role`.
 */
export async function insertOrg(
	app: TestApp,
	member: TestUser,
	opts: {
		name?: string;
		kind?: 'cooperative' | 'partner';
		status?: 'draft' | 'published' | 'hidden';
		role?: 'owner' | 'admin' | 'member';
		province?: string;
	} = {}
) {
	const slug = `org-${randomBytes(4).toString('hex')}`;
	const { rows } = await app.db.query<{ id: string }>(
		`INSERT INTO organizations (kind, slug, name_fr, status, province, country)
		 VALUES ($1, $2, $3, $4, $5, 'MA') RETURNING id`,
		[
			opts.kind ?? 'cooperative',
			slug,
			opts.name ?? `Coopérative ${slug}`,
			opts.status ?? 'published',
			opts.province ?? 'taourirt'
		]
	);
	await addMember(app, rows[0].id, member, opts.role ?? 'owner');
	return { id: rows[0].id, slug };
}

export async function addMember(
	app: TestApp,
	orgId: string,
	user: TestUser,
	role: 'owner' | 'admin' | 'member'
) {
	await app.db.query(
		'INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)',
		[orgId, user.id, role]
	);
}
