import type { AppDeps } from '$lib/server/deps';
import { findUserByEmail } from '$lib/server/auth/auth.repo';
import type { Progress } from '$lib/server/progress';
import { reindexOrganizations } from '$lib/server/search/reindex';
import { DEMO_ORGANIZATIONS } from './demo-organizations';
import { generateOrganizations, SEED_NAMESPACE } from './org-generator';
import { addOwner, insertSeedOrganizations } from './seed.repo';
import type { SeedOrganization } from './seed-types';

const CHUNK = 1000;

/** Generated organizations 0..count-1 (deterministic); returns how many were new. */
export async function seedGeneratedOrganizations(
	deps: AppDeps,
	opts: { count: number; progress: (label: string, total: number) => Progress; namespace?: string }
): Promise<number> {
	const bar = opts.progress('organizations', opts.count);
	let inserted = 0;
	let chunk: SeedOrganization[] = [];
	const flush = async () => {
		const batch = chunk;
		chunk = [];
		inserted += (await deps.db.tx((client) => insertSeedOrganizations(client, batch))).length;
		bar.tick(batch.length);
	};
	for (const org of generateOrganizations(opts.count, opts.namespace ?? SEED_NAMESPACE)) {
		chunk.push(org);
		if (chunk.length === CHUNK) await flush();
	}
	if (chunk.length) await flush();
	bar.done();
	return inserted;
}

/** The demo accounts' organizations, owned by them (accounts must exist). */
export async function seedDemoOrganizations(deps: AppDeps): Promise<number> {
	const owners = new Map<string, string>();
	for (const { ownerEmail, org } of DEMO_ORGANIZATIONS) {
		const user = ownerEmail ? await findUserByEmail(deps.db, ownerEmail) : null;
		if (user) owners.set(org.id, user.id);
	}
	return deps.db.tx(async (client) => {
		const inserted = await insertSeedOrganizations(
			client,
			DEMO_ORGANIZATIONS.map((d) => d.org),
			owners
		);
		for (const [orgId, userId] of owners) await addOwner(client, orgId, userId);
		return inserted.length;
	});
}

/**
 * Seeds organizations, then rebuilds the index in one pass (much faster than draining 100,000
 * outbox rows one batch at a time; the rebuild marks those rows done). When Meilisearch is
 * unreachable the rows simply wait for the worker.
 */
export async function seedOrganizations(
	deps: AppDeps,
	opts: { count: number; progress: (label: string, total: number) => Progress }
): Promise<number> {
	const created =
		(await seedGeneratedOrganizations(deps, opts)) + (await seedDemoOrganizations(deps));
	if (created > 0) {
		try {
			await reindexOrganizations(deps, { progress: opts.progress });
		} catch (err) {
			deps.log.warn(
				{ err: (err as Error).message },
				'search index not rebuilt after seeding; the outbox worker will catch up'
			);
		}
	}
	return created;
}
