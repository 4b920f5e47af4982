import { m } from '$lib/paraglide/messages';
import type {
	Certification,
	LegalForm,
	ListingKind,
	OrgKind,
	PartnerType,
	WorkLanguage
} from './options';

// Explicit maps rather than keys built at run time: the bundler keeps only messages in use.
type Msg = () => string;

export const KIND_LABEL: Record<OrgKind, Msg> = {
	cooperative: m.org_kind_cooperative,
	partner: m.org_kind_partner
};

export const PARTNER_TYPE_LABEL: Record<PartnerType, Msg> = {
	region: m.org_partner_region,
	ngo: m.org_partner_ngo,
	expert: m.org_partner_expert,
	support: m.org_partner_support,
	buyer: m.org_partner_buyer
};

export const LEGAL_FORM_LABEL: Record<LegalForm, Msg> = {
	cooperative: m.org_legal_cooperative,
	cooperative_union: m.org_legal_cooperative_union,
	association: m.org_legal_association,
	gie: m.org_legal_gie,
	company: m.org_legal_company,
	public_body: m.org_legal_public_body,
	other: m.org_legal_other
};

export const CERTIFICATION_LABEL: Record<Certification, Msg> = {
	onssa: m.org_cert_onssa,
	organic: m.org_cert_organic,
	pgi: m.org_cert_pgi,
	pdo: m.org_cert_pdo,
	fair_trade: m.org_cert_fair_trade,
	halal: m.org_cert_halal,
	haccp: m.org_cert_haccp,
	iso: m.org_cert_iso
};

export const LANGUAGE_LABEL: Record<WorkLanguage, Msg> = {
	ar: m.org_lang_ar,
	ary: m.org_lang_ary,
	zgh: m.org_lang_zgh,
	rif: m.org_lang_rif,
	fr: m.org_lang_fr,
	en: m.org_lang_en,
	es: m.org_lang_es,
	de: m.org_lang_de,
	it: m.org_lang_it,
	pt: m.org_lang_pt
};

export const ROLE_LABEL: Record<'owner' | 'admin' | 'member', Msg> = {
	owner: m.org_role_owner,
	admin: m.org_role_admin,
	member: m.org_role_member
};

export const STATUS_LABEL: Record<'draft' | 'published' | 'hidden' | 'suspended', Msg> = {
	draft: m.org_status_draft,
	published: m.org_status_published,
	hidden: m.org_status_hidden,
	suspended: m.org_status_suspended
};

export const LISTING_KIND_LABEL: Record<ListingKind, Msg> = {
	offer: m.org_listing_offer,
	need: m.org_listing_need
};

/** "In Arabic", "In French", "In English": labels of the per-language fields. */
export const IN_LANGUAGE: Record<'ar' | 'fr' | 'en', Msg> = {
	ar: m.org_in_arabic,
	fr: m.org_in_french,
	en: m.org_in_english
};
