import type { AppDeps } from '$lib/server/deps';
import { clustersIndexUid, type ClusterDocument } from './clusters-sync';
import { normalizeQuery } from './text';

export const CLUSTER_PAGE = 20;

export interface ClusterHit {
	id: string;
	slug: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	sector_code: string;
	provinces: string[];
	active_members: number;
}

/**
 * Active clusters matching a query, from their Meilisearch index; from PostgreSQL (names, purposes,
 * member names, accent-insensitive) with `degraded: true` when Meilisearch does not answer.
 */
export async function searchClusters(
	deps: AppDeps,
	q: string,
	page: number
): Promise<{ hits: ClusterHit[]; total: number; degraded: boolean }> {
	const query = normalizeQuery(q);
	try {
		const res = await deps.meili.index<ClusterDocument>(clustersIndexUid(deps)).search(query, {
			page,
			hitsPerPage: CLUSTER_PAGE,
			attributesToRetrieve: [
				'id',
				'slug',
				'name_ar',
				'name_fr',
				'name_en',
				'sector',
				'provinces',
				'active_members'
			]
		});
		return {
			hits: res.hits.map((h) => ({
				id: h.id,
				slug: h.slug,
				name_ar: h.name_ar,
				name_fr: h.name_fr,
				name_en: h.name_en,
				sector_code: h.sector,
				provinces: h.provinces,
				active_members: h.active_members
			})),
			total: res.totalHits ?? res.hits.length,
			degraded: false
		};
	} catch (err) {
		deps.log.warn({ err: (err as Error).message }, 'cluster search answered from PostgreSQL');
	}
	const { rows } = await deps.db.query<ClusterHit & { total: number }>(
		`SELECT c.id, c.slug, c.name_ar, c.name_fr, c.name_en, c.sector_code, c.provinces,
			(SELECT count(*)::int FROM cluster_members m WHERE m.cluster_id = c.id AND m.status = 'active') AS active_members,
			count(*) OVER ()::int AS total
		 FROM clusters c
		 WHERE c.status = 'active' AND ($1 = '' OR unaccent(concat_ws(' ', c.name_ar, c.name_fr, c.name_en, c.purpose_ar, c.purpose_fr, c.purpose_en,
			(SELECT string_agg(concat_ws(' ', o.name_ar, o.name_fr, o.name_en), ' ') FROM cluster_members m JOIN organizations o ON o.id = m.organization_id
			 WHERE m.cluster_id = c.id AND m.status = 'active'))) ILIKE '%' || unaccent($1) || '%')
		 ORDER BY c.approved_at DESC NULLS LAST, c.id
		 LIMIT $2 OFFSET $3`,
		[query, CLUSTER_PAGE, (page - 1) * CLUSTER_PAGE]
	);
	return { hits: rows, total: rows[0]?.total ?? 0, degraded: true };
}
