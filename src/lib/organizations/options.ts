import type { Locale } from '$lib/i18n/locales';

/**
 * Codes for the profile's closed lists, shared by the server (validation) and the forms. Their
 * labels are UI copy, in messages/organizations (see labels.ts).
 */
export const ORG_KINDS = ['cooperative', 'partner'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const PARTNER_TYPES = ['region', 'ngo', 'expert', 'support', 'buyer'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const LEGAL_FORMS = [
	'cooperative',
	'cooperative_union',
	'association',
	'gie',
	'company',
	'public_body',
	'other'
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const CERTIFICATIONS = [
	'onssa',
	'organic',
	'pgi',
	'pdo',
	'fair_trade',
	'halal',
	'haccp',
	'iso'
] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** Languages a cooperative or partner works in (ISO 639 codes; Darija and Tarifit matter here). */
export const WORK_LANGUAGES = [
	'ar',
	'ary',
	'zgh',
	'rif',
	'fr',
	'en',
	'es',
	'de',
	'it',
	'pt'
] as const;
export type WorkLanguage = (typeof WORK_LANGUAGES)[number];

export const ORG_STATUSES = ['draft', 'published', 'hidden'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const ORG_ROLES = ['owner', 'admin', 'member'] as const;

export const LISTING_KINDS = ['offer', 'need'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export type LocalizedText = Record<Locale, string | null>;

/**
 * The text to show in `locale`: the reader's language when written, else the first one written
 * (Arabic, French, English). `lang` says which, so the element can carry it for screen readers.
 */
export function pickText(
	values: LocalizedText,
	locale: Locale
): { text: string; lang: Locale } | null {
	for (const l of [locale, 'ar', 'fr', 'en'] as Locale[]) {
		const text = values[l];
		if (text) return { text, lang: l };
	}
	return null;
}

/** Columns `name_ar`, `name_fr`, `name_en` of a row → `{ ar, fr, en }`. */
export function localized(row: object, prefix: string): LocalizedText {
	const r = row as Record<string, string | null | undefined>;
	return {
		ar: r[`${prefix}_ar`] ?? null,
		fr: r[`${prefix}_fr`] ?? null,
		en: r[`${prefix}_en`] ?? null
	};
}

/** Logo files are named by the server: random, lower-case base32, WebP. */
export const LOGO_FILE_PATTERN = /^[a-z2-7]{26,40}\.webp$/;
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const logoUrl = (file: string | null) => (file ? `/media/logos/${file}` : null);
