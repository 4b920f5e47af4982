import type { Queryable } from '$lib/server/db/db';

export type ClusterFitReason = 'same_chain' | 'same_sector' | 'same_province';

export interface ClusterSuggestion {
	id: string;
	slug: string;
	name_ar: string | null;
	name_fr: string | null;
	name_en: string | null;
	active_members: number;
	reasons: ClusterFitReason[];
}

/**
 * Active clusters an organization could join: its value chains (from its offers and needs), its
 * sectors and its province against the cluster's; at least two points (a chain counts for two),
 * best first. Clusters it is already in, or invited to, or asked to join, are left out.
 */
export async function suggestClustersFor(
	db: Queryable,
	organizationId: string,
	limit = 5
): Promise<ClusterSuggestion[]> {
	const { rows } = await db.query<
		Omit<ClusterSuggestion, 'reasons'> & { chain: boolean; sector: boolean; province: boolean }
	>(
		`WITH me AS (
			SELECT o.id, o.province,
				array(SELECT DISTINCT cat.chain_code FROM listings l JOIN categories cat ON cat.code = l.category_code
					WHERE l.organization_id = o.id AND cat.chain_code IS NOT NULL) AS chains,
				array(SELECT s.sector_code FROM organization_sectors s WHERE s.organization_id = o.id) AS sectors
			FROM organizations o WHERE o.id = $1
		)
		SELECT c.id, c.slug, c.name_ar, c.name_fr, c.name_en,
			(SELECT count(*)::int FROM cluster_members m WHERE m.cluster_id = c.id AND m.status = 'active') AS active_members,
			coalesce(c.chain_code = ANY(me.chains), false) AS chain,
			c.sector_code = ANY(me.sectors) AS sector,
			coalesce(me.province = ANY(c.provinces), false) AS province
		FROM clusters c, me
		WHERE c.status = 'active'
		  AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.id AND m.organization_id = me.id
			AND m.status IN ('active', 'invited', 'requested'))
		  AND (2 * coalesce(c.chain_code = ANY(me.chains), false)::int + (c.sector_code = ANY(me.sectors))::int
			+ coalesce(me.province = ANY(c.provinces), false)::int) >= 2
		ORDER BY 2 * coalesce(c.chain_code = ANY(me.chains), false)::int + (c.sector_code = ANY(me.sectors))::int
			+ coalesce(me.province = ANY(c.provinces), false)::int DESC, active_members DESC, c.id
		LIMIT $2`,
		[organizationId, limit]
	);
	return rows.map(({ chain, sector, province, ...c }) => ({
		...c,
		reasons: [chain && 'same_chain', sector && 'same_sector', province && 'same_province'].filter(
			Boolean
		) as ClusterFitReason[]
	}));
}
