import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { ensureIndex, indexUid } from './indexes';
import { CLUSTERS_INDEX } from './index-definitions';
import { assertSucceeded, TASK_WAIT } from './organizations-sync';
import { arabicStems } from './text';

/**
 * Clusters have their own index, kept true the same way as organizations: every change writes a
 * 'cluster' outbox row in its transaction, and the worker makes the index say what the database
 * says. Only active clusters are public, so only they are in the index.
 */
export interface ClusterDocument {
	id: string;
	slug: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	purpose_ar: string | null;
	purpose_fr: string | null;
	purpose_en: string | null;
	members_ar: string[];
	members_fr: string[];
	members_en: string[];
	terms_ar: string[];
	sector: string;
	chain: string | null;
	provinces: string[];
	active_members: number;
	name_sort: string;
}

export function clustersIndexUid(deps: Pick<AppDeps, 'env'>) {
	return indexUid(deps.env.MEILI_INDEX_PREFIX, CLUSTERS_INDEX.name);
}

interface ClusterRow {
	id: string;
	slug: string;
	status: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	purpose_ar: string | null;
	purpose_fr: string | null;
	purpose_en: string | null;
	sector_code: string;
	chain_code: string | null;
	provinces: string[];
	members: { ar: string | null; fr: string | null; en: string | null }[];
}

async function loadClusters(db: Queryable, ids: string[] | null): Promise<ClusterRow[]> {
	const { rows } = await db.query<ClusterRow>(
		`SELECT c.id, c.slug, c.status, c.name_ar, c.name_fr, c.name_en, c.purpose_ar, c.purpose_fr, c.purpose_en,
			c.sector_code, c.chain_code, c.provinces,
			coalesce((SELECT json_agg(json_build_object('ar', o.name_ar, 'fr', o.name_fr, 'en', o.name_en))
				FROM cluster_members m JOIN organizations o ON o.id = m.organization_id
				WHERE m.cluster_id = c.id AND m.status = 'active'), '[]') AS members
		 FROM clusters c WHERE ($1::uuid[] IS NULL OR c.id = ANY($1::uuid[]))
		   AND ($1::uuid[] IS NOT NULL OR c.status = 'active')`,
		[ids]
	);
	return rows;
}

function toDocument(r: ClusterRow): ClusterDocument {
	const present = (xs: (string | null)[]) => xs.filter((x): x is string => !!x);
	const nameAr = r.name_ar ?? null;
	return {
		id: r.id,
		slug: r.slug,
		name_ar: nameAr,
		name_fr: r.name_fr,
		name_en: r.name_en,
		purpose_ar: r.purpose_ar,
		purpose_fr: r.purpose_fr,
		purpose_en: r.purpose_en,
		members_ar: present(r.members.map((m) => m.ar)),
		members_fr: present(r.members.map((m) => m.fr)),
		members_en: present(r.members.map((m) => m.en)),
		// Arabic words without their attached article, as for organizations.
		terms_ar: arabicStems([nameAr, r.purpose_ar, ...r.members.map((m) => m.ar)]),
		sector: r.sector_code,
		chain: r.chain_code,
		provinces: r.provinces,
		active_members: r.members.length,
		name_sort: (r.name_fr ?? r.name_en ?? r.name_ar ?? '').toLowerCase()
	};
}

/** Writes active clusters whole and removes the others. Returns once Meilisearch confirms. */
export async function syncClusters(deps: AppDeps, ids: string[]): Promise<void> {
	const rows = await loadClusters(deps.db, [...new Set(ids)]);
	const docs = rows.filter((r) => r.status === 'active').map(toDocument);
	const keep = new Set(docs.map((d) => d.id));
	const removed = [...new Set(ids)].filter((id) => !keep.has(id));
	const index = deps.meili.index(clustersIndexUid(deps));
	const tasks = [];
	if (docs.length) tasks.push(await index.addDocuments(docs, { primaryKey: 'id' }));
	if (removed.length) tasks.push(await index.deleteDocuments(removed));
	for (const task of tasks)
		assertSucceeded(await deps.meili.tasks.waitForTask(task.taskUid, TASK_WAIT));
}

/** Rebuilds the clusters index into a fresh one and swaps it in (clusters are few: one batch). */
export async function reindexClusters(deps: AppDeps): Promise<number> {
	const live = clustersIndexUid(deps);
	const fresh = `${live}_reindex_${Date.now().toString(36)}`;
	await ensureIndex(deps.meili, live, CLUSTERS_INDEX);
	await ensureIndex(deps.meili, fresh, CLUSTERS_INDEX);
	try {
		const docs = (await loadClusters(deps.db, null)).map(toDocument);
		if (docs.length)
			assertSucceeded(
				await deps.meili.index(fresh).addDocuments(docs, { primaryKey: 'id' }).waitTask(TASK_WAIT)
			);
		assertSucceeded(
			await deps.meili.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask(TASK_WAIT)
		);
		return docs.length;
	} finally {
		await deps.meili.deleteIndex(fresh).catch(() => {});
	}
}
