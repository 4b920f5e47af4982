import type { z } from 'zod';
import type { FormValues } from '$lib/organizations/form-values';
import type { listingFields } from './listings.schema';

const FIELDS = [
	'kind',
	'category',
	'stage',
	'title.ar',
	'title.fr',
	'title.en',
	'text.ar',
	'text.fr',
	'text.en'
];

/** Reads the offer/need form: the raw input (validated by the procedure) and the values to refill. */
export function readListingForm(data: FormData) {
	const values: FormValues = {};
	for (const f of FIELDS) {
		const v = data.get(f);
		values[f] = typeof v === 'string' ? v : '';
	}
	const localized = (p: string) => ({
		ar: values[`${p}.ar`],
		fr: values[`${p}.fr`],
		en: values[`${p}.en`]
	});
	const input = {
		kind: values.kind,
		category: values.category,
		stage: values.stage,
		title: localized('title'),
		text: localized('text')
	};
	return { input: input as unknown as z.input<typeof listingFields>, values };
}
