import type { OrgKind } from './options';

/**
 * Forms are filled from flat string values: the field names of the HTML form (`name.ar`, lists
 * joined by commas, `place` = "province:town"). The same shape comes back from a failed form
 * action, so a form refills the same way with or without JavaScript.
 */
export type FormValues = Record<string, string>;

export interface ProfileValues {
	partnerType: string | null;
	name: Record<'ar' | 'fr' | 'en', string | null>;
	description: Record<'ar' | 'fr' | 'en', string | null>;
	sectors: string[];
	province: string | null;
	town: string | null;
	country: string | null;
	region: string | null;
	lat: number | null;
	lng: number | null;
	foundedYear: number | null;
	membersTotal: number | null;
	membersWomen: number | null;
	membersYouth: number | null;
	legalForm: string | null;
	registrationNumber: string | null;
	certifications: string[];
	languages: string[];
	contactEmail: string | null;
	contactPhone: string | null;
	website: string | null;
}

const s = (v: string | number | null | undefined) =>
	v === null || v === undefined ? '' : String(v);

export function profileFormValues(kind: OrgKind, v: ProfileValues): FormValues {
	return {
		kind,
		partnerType: s(v.partnerType),
		'name.ar': s(v.name.ar),
		'name.fr': s(v.name.fr),
		'name.en': s(v.name.en),
		'description.ar': s(v.description.ar),
		'description.fr': s(v.description.fr),
		'description.en': s(v.description.en),
		sectors: v.sectors.join(','),
		place: v.province && v.town ? `${v.province}:${v.town}` : '',
		country: s(v.country),
		region: s(v.region),
		lat: s(v.lat),
		lng: s(v.lng),
		foundedYear: s(v.foundedYear),
		membersTotal: s(v.membersTotal),
		membersWomen: s(v.membersWomen),
		membersYouth: s(v.membersYouth),
		legalForm: s(v.legalForm),
		registrationNumber: s(v.registrationNumber),
		certifications: v.certifications.join(','),
		languages: v.languages.join(','),
		contactEmail: s(v.contactEmail),
		contactPhone: s(v.contactPhone),
		website: s(v.website)
	};
}

export const listOf = (value: string | undefined) => (value ? value.split(',') : []);
