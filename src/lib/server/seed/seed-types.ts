import type { ListingTexts, OrganizationColumns } from '$lib/server/search/documents';

/** An offer or need as the seed inserts it (columns of `listings`). */
export type SeedListing = ListingTexts & {
	id: string;
	kind: 'offer' | 'need';
	category_code: string;
	stage_code: string;
};

/** An organization as the seed inserts it (columns of `organizations`, plus its sectors and listings). */
export type SeedOrganization = OrganizationColumns & {
	founded_year: number | null;
	members_youth: number | null;
	legal_form: string | null;
	registration_number: string | null;
	certifications: string[];
	languages: string[];
	contact_email: string | null;
	status: 'draft' | 'published' | 'hidden';
	/** Days from now while the organization stays suspended (null: not suspended). */
	suspended_days: number | null;
	verified: boolean;
	sectors: string[];
	listings: SeedListing[];
};

/** A slug from a Latin name: lower case, ASCII, hyphens, with a suffix that makes it unique. */
export function slugify(name: string, suffix: string): string {
	const base = name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `${base || 'org'}-${suffix}`;
}

type Identity = 'id' | 'slug' | 'kind' | 'country' | 'sectors' | 'listings';

/** Every optional column empty: a published, unverified organization with nothing else said. */
export const BLANK_ORGANIZATION: Omit<SeedOrganization, Identity> = {
	partner_type: null,
	name_ar: null,
	name_fr: null,
	name_en: null,
	description_ar: null,
	description_fr: null,
	description_en: null,
	province: null,
	town: null,
	region: null,
	lat: null,
	lng: null,
	founded_year: null,
	members_total: null,
	members_women: null,
	members_youth: null,
	legal_form: null,
	registration_number: null,
	certifications: [],
	languages: [],
	contact_email: null,
	status: 'published',
	suspended_days: null,
	verified: false
};
