import type { Locale } from '$lib/i18n/locales';
import { LOCALES } from '$lib/i18n/locales';
import { countryName, findProvince, findTown } from '$lib/taxonomy/geography';
import { findCategory, findSector } from '$lib/taxonomy/taxonomy';
import { arabicStems, foldText, stripMarks } from './text';

type PerLocale<K extends string, T> = { [L in Locale as `${K}_${L}`]: T };

/** Columns of `organizations` that search reads and the seed writes. */
export type OrganizationColumns = {
	id: string;
	slug: string;
	kind: 'cooperative' | 'partner';
	partner_type: string | null;
	province: string | null;
	town: string | null;
	country: string;
	region: string | null;
	lat: number | null;
	lng: number | null;
	members_total: number | null;
	members_women: number | null;
} & PerLocale<'name', string | null> &
	PerLocale<'description', string | null>;

/** An organization as read from PostgreSQL for search (see `search.repo.ts`). */
export type OrganizationRow = OrganizationColumns & {
	verified: boolean;
	logo_path: string | null;
	updated_at: Date;
	searchable: boolean;
	/** Published but suspended: when the suspension ends and the organization comes back. */
	suspended_until: Date | null;
	sectors: string[];
	listings: ListingRow[];
};

/** An offer's or need's title and text in each language (columns of `listings`). */
export type ListingTexts = PerLocale<'title', string | null> & PerLocale<'text', string | null>;

export type ListingRow = ListingTexts & { kind: 'offer' | 'need'; category: string; stage: string };

/** What search filters and counts on: the same in the index and in `search_documents`. */
interface FacetFields {
	province: string | null;
	country: string;
	sectors: string[];
	offer_categories: string[];
	need_categories: string[];
	stages: string[];
	verified: boolean;
	women_led: boolean;
}

/** The Meilisearch document of an organization; field names are the index's attributes. */
export type OrganizationDocument = {
	id: string;
	slug: string;
	kind: 'cooperative' | 'partner';
	partner_type: string | null;
	name_sort: string;
	town: string | null;
	region: string | null;
	members_total: number | null;
	logo_path: string | null;
	updated_at: number;
	_geo?: { lat: number; lng: number };
	/** The Arabic name's words without an attached article ("للتلفيف" -> "تلفيف"), ranked with the name. */
	name_terms_ar: string[];
} & FacetFields &
	PerLocale<'offer_terms', string[]> &
	PerLocale<'name', string | null> &
	PerLocale<'description', string | null> &
	PerLocale<'listings', string[]> &
	PerLocale<'place', string> &
	PerLocale<'terms', string[]>;

/** The same document's columns in `search_documents` (what the degraded search filters on). */
export interface SearchDocumentRow extends FacetFields {
	organization_id: string;
	kind: string;
	lat: number | null;
	lng: number | null;
	names: string;
	body: string;
	doc: OrganizationDocument;
}

const LISTING_TEXT_MAX = 400;
const clean = (s: string | null | undefined) => (s ? stripMarks(s).trim() || null : null);
const uniq = <T>(xs: T[]) => [...new Set(xs)].sort();

/** Women make up more than half of the members. */
export function isWomenLed(total: number | null, women: number | null): boolean {
	return !!total && total > 0 && (women ?? 0) * 2 > total;
}

/** Town and province (in Morocco), or town, region and country (abroad), in one language. */
function placeOf(row: OrganizationRow, locale: Locale): string {
	const parts =
		row.country === 'MA'
			? [
					findTown(row.province, row.town)?.name[locale] ?? row.town,
					findProvince(row.province)?.name[locale]
				]
			: [row.town, row.region, countryName(row.country, locale)];
	return parts.filter(Boolean).join(locale === 'ar' ? '، ' : ', ');
}

function positionOf(row: OrganizationRow): { lat: number; lng: number } | undefined {
	if (row.lat !== null && row.lng !== null) return { lat: row.lat, lng: row.lng };
	const town = findTown(row.province, row.town);
	return town ? { lat: town.lat, lng: town.lng } : undefined;
}

function listingText(l: ListingRow, locale: Locale): string | null {
	const title = clean(l[`title_${locale}`]);
	const text = clean(l[`text_${locale}`])?.slice(0, LISTING_TEXT_MAX);
	if (!title && !text) return null;
	return [title, text].filter(Boolean).join(' — ');
}

export function buildOrganizationDocument(row: OrganizationRow): OrganizationDocument {
	const offers = row.listings.filter((l) => l.kind === 'offer');
	const needs = row.listings.filter((l) => l.kind === 'need');
	const name = (l: Locale) => clean(row[`name_${l}`]);
	const doc = {
		id: row.id,
		slug: row.slug,
		kind: row.kind,
		partner_type: row.partner_type,
		name_sort: foldText(name('fr') ?? name('en') ?? name('ar') ?? ''),
		province: row.province,
		town: row.town,
		country: row.country,
		region: row.region,
		sectors: uniq(row.sectors),
		offer_categories: uniq(offers.map((l) => l.category)),
		need_categories: uniq(needs.map((l) => l.category)),
		stages: uniq(row.listings.map((l) => l.stage)),
		verified: row.verified,
		women_led: isWomenLed(row.members_total, row.members_women),
		members_total: row.members_total,
		logo_path: row.logo_path,
		updated_at: Math.floor(new Date(row.updated_at).getTime() / 1000)
	} as OrganizationDocument;
	const position = positionOf(row);
	if (position) doc._geo = position;
	for (const l of LOCALES) {
		doc[`name_${l}`] = name(l);
		doc[`description_${l}`] = clean(row[`description_${l}`]);
		doc[`listings_${l}`] = row.listings
			.map((x) => listingText(x, l))
			.filter((x): x is string => !!x);
		doc[`place_${l}`] = placeOf(row, l);
		// What it offers, by category, ranks above what it seeks: "packaging" finds packagers first.
		doc[`offer_terms_${l}`] = uniq(
			offers.map((x) => findCategory(x.category)?.label[l] ?? '')
		).filter(Boolean);
		// Taxonomy labels make "زيت الزيتون" or "emballage" find an organization whose own words differ.
		doc[`terms_${l}`] = uniq([
			...row.listings.map((x) => findCategory(x.category)?.label[l] ?? ''),
			...row.sectors.map((s) => findSector(s)?.label[l] ?? '')
		]).filter(Boolean);
	}
	doc.name_terms_ar = arabicStems([doc.name_ar]);
	doc.terms_ar = uniq([
		...doc.terms_ar,
		...arabicStems([doc.name_ar, doc.description_ar, ...doc.listings_ar, ...doc.terms_ar])
	]);
	return doc;
}

/** The PostgreSQL copy of a document, with folded text for the degraded search. */
export function searchDocumentRow(doc: OrganizationDocument): SearchDocumentRow {
	const names = LOCALES.map((l) => doc[`name_${l}`]).filter(Boolean);
	const text = LOCALES.flatMap((l) => [
		doc[`name_${l}`],
		...doc[`listings_${l}`],
		doc[`place_${l}`],
		...doc[`terms_${l}`],
		doc[`description_${l}`]
	]).filter(Boolean);
	return {
		organization_id: doc.id,
		kind: doc.kind,
		province: doc.province,
		country: doc.country,
		sectors: doc.sectors,
		offer_categories: doc.offer_categories,
		need_categories: doc.need_categories,
		stages: doc.stages,
		verified: doc.verified,
		women_led: doc.women_led,
		lat: doc._geo?.lat ?? null,
		lng: doc._geo?.lng ?? null,
		names: foldText(names.join(' \n ')),
		body: foldText(text.join(' \n ')),
		doc
	};
}
