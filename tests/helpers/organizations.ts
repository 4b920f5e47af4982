import type { TestApp, TestUser } from './test-app';
export { rejection } from './test-app';

/** A valid cooperative profile (the couscous cooperative of Taourirt); override what a test needs. */
export function coopInput(overrides: Record<string, unknown> = {}) {
	return {
		kind: 'cooperative' as const,
		name: { ar: 'تعاونية نساء تاوريرت للكسكس', fr: null, en: null },
		description: { ar: 'كسكس يدوي من القمح الصلب', fr: null, en: null },
		sectors: ['agrifood', 'agriculture'],
		province: 'taourirt',
		town: 'taourirt',
		membersTotal: 30,
		membersWomen: 28,
		membersYouth: 9,
		contactEmail: 'coop.taourirt@example.ma',
		contactPhone: '+212 6 12 34 56 78',
		...overrides
	};
}

export function partnerInput(overrides: Record<string, unknown> = {}) {
	return {
		kind: 'partner' as const,
		partnerType: 'region',
		name: { fr: 'Région Occitanie', ar: null, en: null },
		sectors: ['services'],
		country: 'FR',
		region: 'Occitanie',
		...overrides
	};
}

/** Creates an organization owned by `owner`, published unless told otherwise. */
export async function makeOrg(
	app: TestApp,
	owner: TestUser,
	opts: { status?: 'draft' | 'published'; input?: Record<string, unknown> } = {}
) {
	const caller = await app.caller(owner);
	const org = await caller.organizations.create(coopInput(opts.input) as never);
	if ((opts.status ?? 'published') === 'published')
		await caller.organizations.setStatus({ id: org.id, status: 'published' });
	return org;
}

/** Adds a member directly (tests of other rules do not go through invitations). */
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

export async function outboxRows(app: TestApp, orgId: string) {
	const { rows } = await app.db.query<{ id: number; xid: string }>(
		`SELECT id, xmin::text AS xid FROM search_outbox WHERE entity = 'organization' AND entity_id = $1 ORDER BY id`,
		[orgId]
	);
	return rows;
}
