import type { Queryable } from '$lib/server/db/db';
import { PRE_RANKED, WEIGHTS, type Tier } from './scoring';

export interface MatchProfile {
	organization_id: string;
	kind: 'cooperative' | 'partner';
	status: string;
	province: string | null;
	lat: number | null;
	lng: number | null;
	languages: string[];
	sectors: string[];
	offers: string[];
	needs: string[];
	chain_keys: string[];
	chains: string[];
}

export async function findProfile(db: Queryable, orgId: string): Promise<MatchProfile | null> {
	const { rows } = await db.query<MatchProfile>(
		`SELECT organization_id, kind, status, province, lat, lng, languages, sectors, offers, needs,
		   chain_keys, chains
		 FROM match_profiles WHERE organization_id = $1`,
		[orgId]
	);
	return rows[0] ?? null;
}

/**
 * Organizations never to suggest to `orgId`: the ones it dismissed, the ones it is connected to or
 * has a pending request with, and the ones that declined it (or that it declined) lately.
 */
export async function listExcludedIds(db: Queryable, orgId: string): Promise<string[]> {
	const { rows } = await db.query<{ id: string }>(
		`SELECT dismissed_org_id AS id FROM match_dismissals WHERE organization_id = $1
		 UNION
		 SELECT CASE WHEN from_org_id = $1 THEN to_org_id ELSE from_org_id END FROM connections
		 WHERE (from_org_id = $1 OR to_org_id = $1)
		   AND (status IN ('pending', 'accepted')
		     OR (status = 'declined' AND responded_at > now() - interval '90 days'))`,
		[orgId]
	);
	return rows.map((r) => r.id);
}

export interface CandidateQuery {
	needs: string[];
	offers: string[];
	adjacentStrong: string[];
	adjacentWeak: string[];
	chains: string[];
	sectors: string[];
	languages: string[];
	lat: number | null;
	lng: number | null;
	province: string | null;
	readerIsPartner: boolean;
	exclude: string[];
	filters: { kind: string | null; province: string | null; sector: string | null };
}

/**
 * Postings to read: a code ('offer:packaging'), how many at most, whether in our province only,
 * and what a hit means: their offer meets our need ('met'), their need meets our offer
 * ('wanted'), both at once ('both'), two of our needs or two of our offers at once ('met2',
 * 'wanted2'), or a neighbouring value-chain position ('adjacent').
 */
export interface Retrieval {
	code: string;
	cap: number;
	ownProvince: boolean;
	role: 'met' | 'wanted' | 'both' | 'met2' | 'wanted2' | 'adjacent';
}

export interface CandidateRow {
	id: string;
	kind: 'cooperative' | 'partner';
	tier: Tier;
	score: number;
	km: number | null;
	verified: boolean;
	idle_days: number;
	offers: string[];
	needs: string[];
	chain_keys: string[];
	chains: string[];
	sectors: string[];
	languages: string[];
}

/** Equirectangular distance is close enough to pre-rank by; the full score uses great circles. */
const KM_PER_DEGREE = 111.2;

/** How many of the parameter array's elements are in `column`: plain comparisons, no subquery. */
function countIn(param: string, length: number, column: string) {
	// Still names the parameter: PostgreSQL must see every parameter to know its type.
	if (length === 0) return `(0 * cardinality(${param}::text[]))`;
	return Array.from({ length }, (_, i) => `(${param}::text[])[${i + 1}] = ANY (${column})`)
		.map((t) => `(${t})::int`)
		.join(' + ');
}

/**
 * The best candidates, tier first then score, scored in SQL (the weights are numbers from
 * scoring.ts, written into the text so the planner folds them; every input is a parameter). `retrieval` names the postings to
 * read (bounded index-only scans); 'all' scores every published organization instead, which only
 * the benchmark does, to measure how much the bounded reading changes the result.
 */
export async function findCandidates(
	db: Queryable,
	q: CandidateQuery,
	retrieval: Retrieval[] | 'all',
	limit: number
): Promise<CandidateRow[]> {
	const w = WEIGHTS;
	// Retrieval reads only index tuples (code, rank, org, kind, province, place): it counts how
	// many of our codes each candidate hits (a two-category fit beats a one-category one),
	// pre-ranks on what those tuples tell, and the best `PRE_RANKED` are scored in full.
	const sectorFilter = q.filters.sector
		? `AND EXISTS (SELECT 1 FROM organization_sectors s
			     WHERE s.organization_id = post.organization_id AND s.sector_code = $14::text)`
		: '';
	const picked =
		retrieval === 'all'
			? `SELECT organization_id AS id FROM match_profiles WHERE status = 'published'`
			: `SELECT id FROM (
			     SELECT x.id,
			       greatest(count(DISTINCT k.code) FILTER (WHERE k.role = 'met'),
			         2 * bool_or(k.role = 'met2')::int, bool_or(k.role = 'both')::int) AS met,
			       greatest(count(DISTINCT k.code) FILTER (WHERE k.role = 'wanted'),
			         2 * bool_or(k.role = 'wanted2')::int, bool_or(k.role = 'both')::int) AS wanted,
			       bool_or(k.role = 'adjacent') AS adjacent,
			       max(x.kind) AS kind, max(x.lat) AS lat, max(x.lng) AS lng, max(x.rank_at) AS rank_at
			     FROM unnest($17::text[], $18::int[], $19::bool[], $20::text[]) AS k (code, cap, own_province, role)
			     CROSS JOIN LATERAL (
			       SELECT post.organization_id AS id, post.kind, post.lat, post.lng, post.rank_at FROM match_postings post
			       WHERE post.code = k.code AND post.published
			         AND (NOT k.own_province OR post.province = $16::text)
			         AND ($12::text IS NULL OR post.kind = $12::text)
			         AND ($13::text IS NULL OR post.province = $13::text)
			         ${sectorFilter}
			         AND post.organization_id <> ALL ($11::uuid[])
			       ORDER BY post.rank_at DESC
			       LIMIT k.cap) x
			     GROUP BY x.id
			   ) pre
			   ORDER BY CASE WHEN met > 0 AND wanted > 0 THEN 2 WHEN met > 0 OR wanted > 0 THEN 1 ELSE 0 END DESC,
			     least(met, ${w.fitCap}) * ${w.fit} + least(wanted, ${w.fitCap}) * ${w.fit}
			       + CASE WHEN adjacent THEN ${w.adjacentWeak} ELSE 0 END
			       + ${w.geo} * CASE WHEN $10::bool OR kind = 'partner' THEN ${w.geoPartnerShare}
			                         WHEN lat IS NULL OR $8::float8 IS NULL THEN 0
			                         ELSE greatest(0, 1 - ${KM_PER_DEGREE} * sqrt(power(lat - $8::float8, 2)
			                           + power((lng - $9::float8) * cos(radians($8::float8)), 2)) / ${w.geoRangeKm}) END
			       + greatest(-${w.verified + w.activity}, extract(epoch FROM rank_at - now()) / 86400 / ${w.activityDays / w.activity}) DESC
			   LIMIT ${PRE_RANKED}`;
	const { rows } = await db.query<CandidateRow>(
		`WITH picked AS (${picked}),
		 c AS (
		   SELECT p.organization_id AS id, p.kind, p.verified, p.last_active_at, p.offers, p.needs,
		     p.chain_keys, p.chains, p.sectors, p.languages,
		     ${countIn('$1', q.needs.length, 'p.offers')} AS met_n,
		     ${countIn('$2', q.offers.length, 'p.needs')} AS wanted_n,
		     p.chain_keys && $3::text[] AS adj_strong,
		     p.chain_keys && $4::text[] AS adj_weak,
		     ${countIn('$7', q.languages.length, 'p.languages')} AS lang_n,
		     CASE WHEN $8::float8 IS NULL OR p.lat IS NULL THEN NULL ELSE
		       2 * 6371 * asin(sqrt(power(sin(radians(p.lat - $8::float8) / 2), 2)
		         + cos(radians($8::float8)) * cos(radians(p.lat))
		           * power(sin(radians(p.lng - $9::float8) / 2), 2))) END AS km,
		     extract(epoch FROM now() - p.last_active_at)::float8 / 86400 AS idle_days
		   FROM picked JOIN match_profiles p ON p.organization_id = picked.id
		   WHERE p.status = 'published'
		     AND (p.suspended_until IS NULL OR p.suspended_until <= now())
		     AND p.organization_id <> ALL ($11::uuid[])
		     AND ($12::text IS NULL OR p.kind = $12::text)
		     AND ($13::text IS NULL OR p.province = $13::text)
		     AND ($14::text IS NULL OR p.sectors @> ARRAY[$14::text])
		 ), t AS (
		   SELECT c.*,
		     CASE WHEN c.met_n > 0 AND c.wanted_n > 0 THEN 2
		          WHEN c.met_n > 0 OR c.wanted_n > 0 THEN 1
		          WHEN c.adj_strong OR c.adj_weak THEN 0 ELSE -1 END AS tier,
		     (least(c.met_n, ${w.fitCap}) * ${w.fit} + least(c.wanted_n, ${w.fitCap}) * ${w.fit}
		       + CASE WHEN c.adj_strong THEN ${w.adjacentStrong} ELSE 0 END
		       + CASE WHEN c.adj_weak THEN ${w.adjacentWeak} ELSE 0 END
		       + CASE WHEN c.chains && $5::text[] THEN ${w.sameChain} ELSE 0 END
		       + CASE WHEN c.sectors && $6::text[] THEN ${w.sector} ELSE 0 END
		       + least(c.lang_n * ${w.language}, ${w.languageCap})
		       + ${w.geo} * CASE WHEN $10::bool OR c.kind = 'partner' THEN ${w.geoPartnerShare}
		                         WHEN c.km IS NULL THEN 0
		                         ELSE greatest(0, 1 - c.km / ${w.geoRangeKm}) END
		       + CASE WHEN c.verified THEN ${w.verified} ELSE 0 END
		       + ${w.activity} * greatest(0, 1 - c.idle_days / ${w.activityDays}))::float8 AS score
		   FROM c
		 )
		 SELECT id, kind, tier, score, km, verified, idle_days, offers, needs, chain_keys, chains,
		   sectors, languages
		 FROM t
		 WHERE tier >= 0
		 ORDER BY tier DESC, score DESC, last_active_at DESC, id
		 LIMIT $15`,
		[
			q.needs,
			q.offers,
			q.adjacentStrong,
			q.adjacentWeak,
			q.chains,
			q.sectors,
			q.languages,
			q.lat,
			q.lng,
			q.readerIsPartner,
			q.exclude,
			q.filters.kind,
			q.filters.province,
			q.filters.sector,
			limit,
			...(retrieval === 'all'
				? []
				: [
						q.province,
						retrieval.map((r) => r.code),
						retrieval.map((r) => r.cap),
						retrieval.map((r) => r.ownProvince),
						retrieval.map((r) => r.role)
					])
		]
	);
	return rows;
}
