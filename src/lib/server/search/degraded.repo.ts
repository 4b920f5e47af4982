import type { Queryable } from '$lib/server/db/db';
import {
	FACETS,
	isSelected,
	type Facet,
	type FacetCounts,
	type SearchFilters
} from '$lib/search/facets';
import type { OrganizationDocument } from './documents';
import { SEARCHABLE_ORG } from './search.repo';

/**
 * Search from PostgreSQL when Meilisearch is unreachable: the `search_documents` copy of the
 * index, the same visibility rule, the same filters and facet counts (trigram matching stands in
 * for Meilisearch's typo tolerance). The SQL is assembled from constant fragments only; every
 * value is a parameter.
 */
export interface DegradedQuery {
	/** Folded query words (see queryTokens). */
	words: string[];
	filters: SearchFilters;
	origin: { lat: number; lng: number } | null;
	limit: number;
	offset: number;
}

export interface DegradedAnswer {
	hits: { doc: OrganizationDocument; distance_km: number | null }[];
	total: number;
	facets: FacetCounts;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function degradedSearch(db: Queryable, query: DegradedQuery): Promise<DegradedAnswer> {
	const params: unknown[] = [];
	const param = (value: unknown, cast = '') => {
		params.push(value);
		return `$${params.length}${cast}`;
	};

	const match: string[] = [];
	const score: string[] = [];
	for (const word of query.words) {
		const like = param(`%${escapeLike(word)}%`);
		if (word.length >= 3) {
			const w = param(word);
			// `<%`: some word of the body is similar enough (a typo); LIKE: a substring (a prefix, an
			// attached article). Both use the trigram index.
			match.push(`(d.body LIKE ${like} OR ${w} <% d.body)`);
			score.push(`2 * word_similarity(${w}, d.names) + word_similarity(${w}, d.body)`);
		} else {
			match.push(`d.body LIKE ${like}`);
		}
	}

	const conditions = new Map<string, string>();
	for (const facet of FACETS) {
		if (!isSelected(query.filters, facet)) continue;
		conditions.set(facet.key, filterSql(facet, query.filters, param));
	}
	const where = (except?: string) =>
		[...conditions]
			.filter(([k]) => k !== except)
			.map(([, sql]) => sql)
			.join(' AND ') || 'true';

	let distance = 'NULL::double precision';
	if (query.origin) {
		const lat = param(query.origin.lat, '::double precision');
		const lng = param(query.origin.lng, '::double precision');
		distance = `(6371 * 2 * asin(sqrt(power(sin(radians(mt.lat - ${lat}) / 2), 2)
			+ cos(radians(${lat})) * cos(radians(mt.lat)) * power(sin(radians(mt.lng - ${lng}) / 2), 2))))`;
	}
	const order = query.origin
		? 'distance_km ASC NULLS LAST, mt.organization_id'
		: 'mt.score DESC, mt.organization_id';

	const facetSql = FACETS.map((facet) => {
		const value = facet.type === 'array' ? 'v' : `mt.${facet.field}::text`;
		const from = facet.type === 'array' ? `matched mt, unnest(mt.${facet.field}) v` : 'matched mt';
		const nonNull = facet.type === 'scalar' ? ` AND mt.${facet.field} IS NOT NULL` : '';
		return `'${facet.key}', (SELECT coalesce(json_object_agg(value, n), '{}') FROM (
			SELECT ${value} AS value, count(*) AS n FROM ${from} WHERE ${where(facet.key)}${nonNull} GROUP BY 1) f)`;
	}).join(',\n');

	const sql = `
WITH matched AS MATERIALIZED (
	SELECT d.organization_id, d.kind, d.province, d.country, d.sectors, d.offer_categories,
		d.need_categories, d.stages, d.verified, d.women_led, d.lat, d.lng,
		${score.length ? score.join(' + ') : '0'} AS score
	FROM search_documents d JOIN organizations o ON o.id = d.organization_id
	WHERE ${SEARCHABLE_ORG} AND ${match.length ? match.join(' AND ') : 'true'}
)
SELECT
	(SELECT coalesce(json_agg(x), '[]') FROM (
		SELECT d.doc, ${distance} AS distance_km FROM matched mt
		JOIN search_documents d ON d.organization_id = mt.organization_id
		WHERE ${where()} ORDER BY ${order} LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}
	) x) AS hits,
	(SELECT count(*)::int FROM matched mt WHERE ${where()}) AS total,
	json_build_object(${facetSql}) AS facets`;

	const { rows } = await db.query<DegradedAnswer>(sql, params);
	return rows[0];
}

function filterSql(
	facet: Facet,
	filters: SearchFilters,
	param: (value: unknown, cast?: string) => string
): string {
	if (facet.type === 'boolean') return `mt.${facet.field}`;
	const values = param(filters[facet.key], '::text[]');
	return facet.type === 'array'
		? `mt.${facet.field} && ${values}`
		: `mt.${facet.field} = ANY(${values})`;
}
