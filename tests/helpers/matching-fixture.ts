import { insertOrganizations, type OrgSpec } from '../../src/lib/server/matching/seed-orgs';
import { MATCHING_FIXTURE } from '../fixtures/matching-orgs';
import type { TestApp, TestUser } from './test-app';

/**
 * Loads the labelled matching fixture into the test app's database. `owners` gives some
 * organizations an owner (and other roles) so that tests can act for them.
 */
export async function loadMatchingFixture(
	app: TestApp,
	members: Record<string, { user: TestUser; role: 'owner' | 'admin' | 'member' }[]> = {}
): Promise<Map<string, string>> {
	const specs: OrgSpec[] = MATCHING_FIXTURE.map((o) => ({
		...o,
		members: (members[o.slug] ?? []).map((m) => ({ userId: m.user.id, role: m.role }))
	}));
	return app.db.tx((client) => insertOrganizations(client, specs));
}
