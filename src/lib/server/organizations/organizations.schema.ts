import { z } from 'zod';
import { SECTOR_CODES } from '$lib/taxonomy/taxonomy';
import { PROVINCE_CODES, findTown } from '$lib/taxonomy/geography';
import {
	CERTIFICATIONS,
	LEGAL_FORMS,
	ORG_KINDS,
	PARTNER_TYPES,
	WORK_LANGUAGES
} from '$lib/organizations/options';
import { NAME_MAX, DESCRIPTION_MAX } from '$lib/organizations/limits';

// Inputs come from forms (strings, '' for "not given") as well as from tRPC clients (numbers,
// null). These helpers accept both; errors are message keys translated at the edge.

/** '' and blanks mean "not given". */
const blankToNull = (v: unknown) =>
	v === undefined || v === null ? null : typeof v === 'string' && v.trim() === '' ? null : v;

export const optionalText = (max: number) =>
	z
		.preprocess(
			blankToNull,
			z
				.string({ error: 'org_field_text_invalid' })
				.trim()
				.max(max, { error: 'org_field_too_long' })
				.nullable()
		)
		.default(null);

/** Phones in Arabic type ٣٢ (or Persian ۳۲): the same number as 32. */
export const westernDigits = (v: string) =>
	v.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf));

const optionalNumber = (key: string, check: (n: z.ZodNumber) => z.ZodNumber) =>
	z
		.preprocess(
			(v) => {
				const b = blankToNull(v);
				return typeof b === 'string' ? Number(westernDigits(b.trim()).replace(',', '.')) : b;
			},
			check(z.number({ error: key })).nullable()
		)
		.default(null);

const optionalInt = (key: string, min: number, max: number) =>
	optionalNumber(key, (n) =>
		n.int({ error: key }).min(min, { error: key }).max(max, { error: key })
	);

const optionalCode = <T extends readonly [string, ...string[]]>(codes: T, key: string) =>
	z.preprocess(blankToNull, z.enum(codes, { error: key }).nullable()).default(null);

/** A list of codes: a lone form value arrives as a string. Duplicates are dropped. */
const codeList = <T extends readonly [string, ...string[]]>(codes: T, key: string, max: number) =>
	z
		.preprocess(
			(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
			z
				.array(z.enum(codes, { error: key }))
				.max(max, { error: key })
				.transform((list) => [...new Set(list)])
		)
		.default([]);

/** Text per language; at least one language may be required by the caller. */
export const localizedText = (max: number) =>
	z.preprocess(
		(v) => v ?? {},
		z.object({ ar: optionalText(max), fr: optionalText(max), en: optionalText(max) })
	);
export const NO_TEXT = { ar: null, fr: null, en: null };

export const MEMBERS_MAX = 1_000_000;
const thisYear = () => new Date().getFullYear();

const website = z
	.preprocess(
		(v) => {
			const b = blankToNull(v);
			// People type "coop-taourirt.ma": the scheme is implied.
			return typeof b === 'string' && !/^[a-z]+:/i.test(b.trim()) ? `https://${b.trim()}` : b;
		},
		z
			.url({ protocol: /^https?$/, error: 'org_field_website_invalid' })
			.max(300, { error: 'org_field_too_long' })
			.nullable()
	)
	.default(null);

const email = z
	.preprocess(
		(v) => (typeof blankToNull(v) === 'string' ? String(v).trim().toLowerCase() : blankToNull(v)),
		z.email({ error: 'field_email_invalid' }).max(254, { error: 'field_email_invalid' }).nullable()
	)
	.default(null);

const phone = z
	.preprocess(
		(v) => (typeof blankToNull(v) === 'string' ? westernDigits(String(v)) : blankToNull(v)),
		z
			.string()
			.trim()
			.regex(/^\+?[0-9][0-9 ().-]{5,24}$/, { error: 'org_field_phone_invalid' })
			.nullable()
	)
	.default(null);

/** Every profile field; `kind` decides which location fields apply. */
export const profileInput = z
	.object({
		kind: z.enum(ORG_KINDS, { error: 'org_field_kind_required' }),
		partnerType: optionalCode(PARTNER_TYPES, 'org_field_partner_type_invalid'),
		name: localizedText(NAME_MAX).refine((n) => !!(n.ar || n.fr || n.en), {
			error: 'org_field_name_required'
		}),
		description: localizedText(DESCRIPTION_MAX).default(NO_TEXT),
		sectors: codeList(SECTOR_CODES, 'org_field_sectors_invalid', 6).refine((l) => l.length > 0, {
			error: 'org_field_sectors_required'
		}),
		province: optionalCode(PROVINCE_CODES, 'org_field_province_required'),
		town: optionalText(60),
		country: z
			.preprocess(
				(v) => (typeof v === 'string' ? v.trim().toUpperCase() || null : v),
				z
					.string()
					.regex(/^[A-Z]{2}$/, { error: 'org_field_country_required' })
					.nullable()
			)
			.default(null),
		region: optionalText(100),
		lat: optionalNumber('org_field_lat_invalid', (n) =>
			n.min(-90, { error: 'org_field_lat_invalid' }).max(90, { error: 'org_field_lat_invalid' })
		),
		lng: optionalNumber('org_field_lng_invalid', (n) =>
			n.min(-180, { error: 'org_field_lng_invalid' }).max(180, { error: 'org_field_lng_invalid' })
		),
		foundedYear: optionalInt('org_field_year_invalid', 1900, 2100),
		membersTotal: optionalInt('org_field_members_invalid', 0, MEMBERS_MAX),
		membersWomen: optionalInt('org_field_members_invalid', 0, MEMBERS_MAX),
		membersYouth: optionalInt('org_field_members_invalid', 0, MEMBERS_MAX),
		legalForm: optionalCode(LEGAL_FORMS, 'org_field_legal_form_invalid'),
		registrationNumber: optionalText(60),
		certifications: codeList(CERTIFICATIONS, 'org_field_certifications_invalid', 20),
		languages: codeList(WORK_LANGUAGES, 'org_field_languages_invalid', 20),
		contactEmail: email,
		contactPhone: phone,
		website
	})
	// Runs even when some fields failed, so the form shows every error at once; values may
	// then be of the wrong type, hence the typeof checks.
	.superRefine(
		(p, ctx) => {
			if (!p || typeof p !== 'object') return;
			const issue = (path: string, error: string) =>
				ctx.addIssue({ code: 'custom', path: [path], message: error });
			const num = (v: unknown) => (typeof v === 'number' && !Number.isNaN(v) ? v : null);
			const [total, women, youth] = [num(p.membersTotal), num(p.membersWomen), num(p.membersYouth)];
			if ((num(p.foundedYear) ?? 0) > thisYear()) issue('foundedYear', 'org_field_year_invalid');
			if (total !== null && women !== null && women > total)
				issue('membersWomen', 'org_field_women_over_total');
			if (total !== null && youth !== null && youth > total)
				issue('membersYouth', 'org_field_youth_over_total');
			if ((p.lat === null) !== (p.lng === null))
				issue(p.lat === null ? 'lat' : 'lng', 'org_field_location_pair');
			if (p.kind === 'cooperative') {
				if (!p.province) issue('province', 'org_field_province_required');
				else if (!findTown(p.province, p.town)) issue('town', 'org_field_town_required');
			} else if (p.kind === 'partner' && !p.country) issue('country', 'org_field_country_required');
		},
		{ when: () => true }
	);
export type ProfileInput = z.infer<typeof profileInput>;

export const orgIdInput = z.object({ id: z.uuid({ error: 'error_not_found' }) });
export const slugInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(100) });

export const updateProfileInput = z.intersection(orgIdInput, profileInput);

export const setStatusInput = orgIdInput.extend({
	status: z.enum(['draft', 'published'], { error: 'org_field_status_invalid' })
});

export const setLogoInput = orgIdInput.extend({
	/** The uploaded bytes; only in-process callers (the form action) can pass them. */
	file: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'org_logo_required' })
});
