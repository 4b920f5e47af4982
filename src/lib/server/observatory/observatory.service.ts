import type { Queryable } from '$lib/server/db/db';
import type { ObservatoryFilters } from './observatory.schema';

/**
 * The SSE Observatory's indicators, computed from the live data. Stock figures (cooperatives,
 * members, verified share, clusters) describe published cooperatives as of the end of the period;
 * flows (connections accepted per month, active conversations per week) fall inside the period
 * (default: the last twelve months). Province and sector narrow everything to the cooperatives
 * concerned.
 */
export interface Observatory {
	filters: { province: string | null; sector: string | null; from: string; to: string };
	totals: {
		cooperatives: number;
		partners: number;
		members: number;
		women: number;
		youth: number;
		verified: number;
	};
	bySector: { code: string; count: number }[];
	byProvince: { code: string; count: number; members: number; women: number; youth: number }[];
	clustersByStatus: { code: string; count: number }[];
	connectionsPerMonth: { period: string; count: number }[];
	conversationsPerWeek: { period: string; count: number }[];
	/** Staff view only. */
	staff?: {
		organizationsByStatus: { code: string; count: number }[];
		pendingVerifications: number;
		openReports: number;
		users: number;
		partnerCountries: { code: string; count: number }[];
	};
}

function period(f: ObservatoryFilters) {
	const to =
		f.to ??
		new Date(
			Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1)
		);
	const from =
		f.from ?? new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
	return { from, to };
}

/** The organizations in scope: published, not suspended, created before the end, in the province and sector asked. */
const SCOPE = `
	o.status = 'published' AND (o.suspended_until IS NULL OR o.suspended_until < now()) AND o.created_at < $1
	AND ($2::text IS NULL OR o.province = $2)
	AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM organization_sectors s WHERE s.organization_id = o.id AND s.sector_code = $3))`;

export async function computeObservatory(
	db: Queryable,
	f: ObservatoryFilters,
	opts: { staff: boolean }
): Promise<Observatory> {
	const { from, to } = period(f);
	const scope = [to, f.province ?? null, f.sector ?? null];
	const [totals, bySector, byProvince, clusters, connections, conversations] = await Promise.all([
		db.query<Observatory['totals']>(
			`SELECT count(*) FILTER (WHERE o.kind = 'cooperative')::int AS cooperatives,
				count(*) FILTER (WHERE o.kind = 'partner')::int AS partners,
				coalesce(sum(o.members_total) FILTER (WHERE o.kind = 'cooperative'), 0)::int AS members,
				coalesce(sum(o.members_women) FILTER (WHERE o.kind = 'cooperative'), 0)::int AS women,
				coalesce(sum(o.members_youth) FILTER (WHERE o.kind = 'cooperative'), 0)::int AS youth,
				count(*) FILTER (WHERE o.kind = 'cooperative' AND o.verified_at IS NOT NULL AND o.verified_at < $1)::int AS verified
			 FROM organizations o WHERE ${SCOPE}`,
			scope
		),
		db.query<{ code: string; count: number }>(
			`SELECT s.sector_code AS code, count(*)::int AS count
			 FROM organizations o JOIN organization_sectors s ON s.organization_id = o.id
			 WHERE o.kind = 'cooperative' AND ${SCOPE} AND ($3::text IS NULL OR s.sector_code = $3)
			 GROUP BY s.sector_code ORDER BY count DESC, code`,
			scope
		),
		db.query<{ code: string; count: number; members: number; women: number; youth: number }>(
			`SELECT o.province AS code, count(*)::int AS count, coalesce(sum(o.members_total), 0)::int AS members,
				coalesce(sum(o.members_women), 0)::int AS women, coalesce(sum(o.members_youth), 0)::int AS youth
			 FROM organizations o WHERE o.kind = 'cooperative' AND o.province IS NOT NULL AND ${SCOPE}
			 GROUP BY o.province ORDER BY count DESC, code`,
			scope
		),
		db.query<{ code: string; count: number }>(
			`SELECT c.status AS code, count(*)::int AS count FROM clusters c
			 WHERE c.created_at < $1 AND ($2::text IS NULL OR $2 = ANY(c.provinces)) AND ($3::text IS NULL OR c.sector_code = $3)
			 GROUP BY c.status ORDER BY code`,
			scope
		),
		db.query<{ period: string; count: number }>(
			`SELECT to_char(date_trunc('month', c.responded_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS period, count(*)::int AS count
			 FROM connections c
			 WHERE c.status = 'accepted' AND c.responded_at >= $4 AND c.responded_at < $1
			   AND EXISTS (SELECT 1 FROM organizations o WHERE o.id IN (c.from_org_id, c.to_org_id) AND ${SCOPE})
			 GROUP BY 1 ORDER BY 1`,
			[...scope, from]
		),
		db.query<{ period: string; count: number }>(
			`SELECT to_char(date_trunc('week', m.created_at AT TIME ZONE 'UTC'), 'IYYY-"W"IW') AS period, count(DISTINCT m.conversation_id)::int AS count
			 FROM messages m
			 WHERE m.created_at >= $4 AND m.created_at < $1
			   AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = m.sender_org_id AND ${SCOPE})
			 GROUP BY 1 ORDER BY 1`,
			[...scope, from]
		)
	]);
	const result: Observatory = {
		filters: {
			province: f.province ?? null,
			sector: f.sector ?? null,
			from: from.toISOString().slice(0, 10),
			to: to.toISOString().slice(0, 10)
		},
		totals: totals.rows[0],
		bySector: bySector.rows,
		byProvince: byProvince.rows,
		clustersByStatus: clusters.rows,
		connectionsPerMonth: connections.rows,
		conversationsPerWeek: conversations.rows
	};
	if (opts.staff) {
		const [statuses, verifications, reports, users, countries] = await Promise.all([
			db.query<{ code: string; count: number }>(
				`SELECT status AS code, count(*)::int AS count FROM organizations GROUP BY status ORDER BY status`
			),
			db.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM verification_requests WHERE status = 'pending'`
			),
			db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE status = 'open'`),
			db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`),
			db.query<{ code: string; count: number }>(
				`SELECT country AS code, count(*)::int AS count FROM organizations WHERE kind = 'partner' AND status = 'published' GROUP BY country ORDER BY count DESC, code`
			)
		]);
		result.staff = {
			organizationsByStatus: statuses.rows,
			pendingVerifications: verifications.rows[0].n,
			openReports: reports.rows[0].n,
			users: users.rows[0].n,
			partnerCountries: countries.rows
		};
	}
	return result;
}

/** One dataset as CSV (RFC 4180, UTF-8 with BOM so spreadsheet software reads Arabic right). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
	const cell = (v: string | number | null) => {
		const s = v === null ? '' : String(v);
		return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s)
			? `"${s.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"`
			: s;
	};
	return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
