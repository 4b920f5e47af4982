import { randomUUID } from 'node:crypto';
import type { Queryable } from '$lib/server/db/db';
import type { OrgRole } from '$lib/server/organizations/membership';
import { findCategory } from '$lib/taxonomy/taxonomy';
import { findTown } from '$lib/taxonomy/geography';

/**
 * Organizations with their sectors, offers, needs and members, inserted in a few set-based
 * statements. For the labelled matching fixture, the end-to-end test route and the 100,000
 * organization benchmark: not the app's way to create an organization (that is the organizations
 * domain, with its validation and search outbox).
 */
export interface OrgSpec {
	id?: string;
	slug: string;
	kind: 'cooperative' | 'partner';
	partnerType?: 'region' | 'ngo' | 'expert' | 'support' | 'buyer' | null;
	names: { ar?: string; fr?: string; en?: string };
	province?: string | null;
	town?: string | null;
	country?: string;
	region?: string | null;
	lat?: number | null;
	lng?: number | null;
	sectors: string[];
	languages: string[];
	status?: 'draft' | 'published' | 'hidden';
	verified?: boolean;
	suspendedUntil?: Date | null;
	lastActiveAt?: Date;
	offers: string[];
	needs: string[];
	members?: { userId: string; role: OrgRole }[];
}

export async function insertOrganizations(
	db: Queryable,
	specs: OrgSpec[]
): Promise<Map<string, string>> {
	const ids = specs.map((s) => s.id ?? randomUUID());
	const col = <T>(f: (s: OrgSpec) => T) => specs.map(f);
	const place = specs.map((s) => {
		const town = findTown(s.province, s.town);
		return { lat: s.lat ?? town?.lat ?? null, lng: s.lng ?? town?.lng ?? null };
	});
	await db.query(
		`INSERT INTO organizations (id, slug, kind, partner_type, name_ar, name_fr, name_en, province, town,
		   country, region, lat, lng, languages, status, verified_at, suspended_until, last_active_at)
		 SELECT id, slug, kind, partner_type, name_ar, name_fr, name_en, province, town, country, region,
		   lat, lng, string_to_array(languages, ','), status,
		   CASE WHEN verified THEN now() END, suspended_until, last_active_at
		 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
		   $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::float8[], $14::text[],
		   $15::text[], $16::bool[], $17::timestamptz[], $18::timestamptz[])
		   AS t (id, slug, kind, partner_type, name_ar, name_fr, name_en, province, town, country, region,
		     lat, lng, languages, status, verified, suspended_until, last_active_at)`,
		[
			ids,
			col((s) => s.slug),
			col((s) => s.kind),
			col((s) => s.partnerType ?? null),
			col((s) => s.names.ar ?? null),
			col((s) => s.names.fr ?? null),
			col((s) => s.names.en ?? null),
			col((s) => s.province ?? null),
			col((s) => s.town ?? null),
			col((s) => s.country ?? 'MA'),
			col((s) => s.region ?? null),
			place.map((p) => p.lat),
			place.map((p) => p.lng),
			col((s) => s.languages.join(',')),
			col((s) => s.status ?? 'published'),
			col((s) => s.verified ?? false),
			col((s) => s.suspendedUntil ?? null),
			col((s) => s.lastActiveAt ?? new Date())
		]
	);

	const pairs = <T>(f: (s: OrgSpec) => T[]) =>
		specs.flatMap((s, i) => f(s).map((v) => [ids[i], v] as const));
	const sectors = pairs((s) => s.sectors);
	await db.query(
		`INSERT INTO organization_sectors (organization_id, sector_code)
		 SELECT * FROM unnest($1::uuid[], $2::text[])`,
		[sectors.map((p) => p[0]), sectors.map((p) => p[1])]
	);

	const listings = pairs((s) => [
		...s.offers.map((c) => ['offer', c] as const),
		...s.needs.map((c) => ['need', c] as const)
	]).map(([orgId, [kind, code]]) => {
		const c = findCategory(code);
		if (!c) throw new Error(`unknown category ${code}`);
		return { orgId, kind, code, stage: c.stage, label: c.label };
	});
	await db.query(
		`INSERT INTO listings (organization_id, kind, category_code, stage_code, title_ar, title_fr, title_en)
		 SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
		[
			listings.map((l) => l.orgId),
			listings.map((l) => l.kind),
			listings.map((l) => l.code),
			listings.map((l) => l.stage),
			listings.map((l) => l.label.ar),
			listings.map((l) => l.label.fr),
			listings.map((l) => l.label.en)
		]
	);

	const members = pairs((s) => s.members ?? []);
	if (members.length) {
		await db.query(
			`INSERT INTO organization_members (organization_id, user_id, role)
			 SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
			[members.map((p) => p[0]), members.map((p) => p[1].userId), members.map((p) => p[1].role)]
		);
	}
	return new Map(specs.map((s, i) => [s.slug, ids[i]]));
}
