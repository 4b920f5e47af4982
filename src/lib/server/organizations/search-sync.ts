import type { Queryable } from '$lib/server/db/db';
import { enqueueSearchSync } from '$lib/server/search/outbox';
import { touchOrganization } from './organizations.repo';

/**
 * Every change to what search shows (profile, sectors, status, logo, offers and needs) goes
 * through here, in the change's own transaction: the outbox row commits with the change or not
 * at all, and the organization counts as recently active (matching ranks by it).
 */
export async function recordSearchableChange(client: Queryable, orgId: string) {
	await touchOrganization(client, orgId);
	await enqueueSearchSync(client, 'organization', orgId);
}
