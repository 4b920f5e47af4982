import type { z } from 'zod';
import type { FormValues } from '$lib/organizations/form-values';
import type { profileInput } from './organizations.schema';

const LIST_FIELDS = ['sectors', 'certifications', 'languages'];
const TEXT_FIELDS = [
	'kind',
	'partnerType',
	'name.ar',
	'name.fr',
	'name.en',
	'description.ar',
	'description.fr',
	'description.en',
	'place',
	'country',
	'region',
	'lat',
	'lng',
	'foundedYear',
	'membersTotal',
	'membersWomen',
	'membersYouth',
	'legalForm',
	'registrationNumber',
	'contactEmail',
	'contactPhone',
	'website'
];

/**
 * Reads the profile form: the raw input for the procedure (validated there) and the submitted
 * values as strings, to refill the form when something must be corrected.
 */
export function readProfileForm(data: FormData) {
	const values: FormValues = {};
	for (const f of TEXT_FIELDS) {
		const v = data.get(f);
		values[f] = typeof v === 'string' ? v : '';
	}
	const lists: Record<string, string[]> = {};
	for (const f of LIST_FIELDS) {
		lists[f] = data.getAll(f).filter((v): v is string => typeof v === 'string');
		values[f] = lists[f].join(',');
	}
	const [province = '', town = ''] = values.place.split(':');
	const localized = (prefix: string) => ({
		ar: values[`${prefix}.ar`],
		fr: values[`${prefix}.fr`],
		en: values[`${prefix}.en`]
	});
	const input = {
		kind: values.kind,
		partnerType: values.partnerType,
		name: localized('name'),
		description: localized('description'),
		sectors: lists.sectors,
		province,
		town,
		country: values.country,
		region: values.region,
		lat: values.lat,
		lng: values.lng,
		foundedYear: values.foundedYear,
		membersTotal: values.membersTotal,
		membersWomen: values.membersWomen,
		membersYouth: values.membersYouth,
		legalForm: values.legalForm,
		registrationNumber: values.registrationNumber,
		certifications: lists.certifications,
		languages: lists.languages,
		contactEmail: values.contactEmail,
		contactPhone: values.contactPhone,
		website: values.website
	};
	// Shape only: the procedure validates every value.
	return { input: input as unknown as z.input<typeof profileInput>, values };
}
