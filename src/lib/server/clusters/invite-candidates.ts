import type { Queryable } from '$lib/server/db/db';

/** Published organizations matching a name or address, not yet in the cluster: whom to invite. */
export async function findInviteCandidates(db: Queryable, clusterId: string, q: string) {
	const term = q.trim();
	if (term.length < 2) return [];
	const { rows } = await db.query<{
		id: string;
		slug: string;
		name_ar: string | null;
		name_fr: string | null;
		name_en: string | null;
		province: string | null;
		country: string;
	}>(
		`SELECT o.id, o.slug, o.name_ar, o.name_fr, o.name_en, o.province, o.country
		 FROM organizations o
		 WHERE o.status = 'published' AND (o.suspended_until IS NULL OR o.suspended_until < now())
		   AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = $1 AND m.organization_id = o.id AND m.status IN ('active', 'invited'))
		   AND (o.slug = lower($2) OR unaccent(coalesce(o.name_ar, '') || ' ' || coalesce(o.name_fr, '') || ' ' || coalesce(o.name_en, '')) ILIKE '%' || unaccent($2) || '%')
		 ORDER BY o.slug = lower($2) DESC, o.name_fr NULLS LAST
		 LIMIT 10`,
		[clusterId, term]
	);
	return rows;
}
