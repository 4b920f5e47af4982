import { z } from 'zod';
import { CATEGORY_CODES, STAGE_CODES } from '$lib/taxonomy/taxonomy';
import { LISTING_KINDS } from '$lib/organizations/options';
import { localizedText, NO_TEXT } from './organizations.schema';
import { LISTING_TEXT_MAX, LISTING_TITLE_MAX } from '$lib/organizations/limits';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An offer ("what we offer") or a need ("what we seek"). */
export const listingFields = z.object({
	kind: z.enum(LISTING_KINDS, { error: 'org_field_listing_kind_invalid' }),
	category: z.enum(CATEGORY_CODES, { error: 'org_field_category_required' }),
	/** Optional: the category's usual stage when not given. */
	stage: z.preprocess(
		blankToUndefined,
		z.enum(STAGE_CODES, { error: 'org_field_stage_invalid' }).optional()
	),
	title: localizedText(LISTING_TITLE_MAX).refine((t) => !!(t.ar || t.fr || t.en), {
		error: 'org_field_title_required'
	}),
	text: localizedText(LISTING_TEXT_MAX).default(NO_TEXT)
});
export type ListingFields = z.infer<typeof listingFields>;

export const createListingInput = listingFields.extend({
	organizationId: z.uuid({ error: 'error_not_found' })
});
export const updateListingInput = createListingInput.extend({
	id: z.uuid({ error: 'error_not_found' })
});
export const deleteListingInput = z.object({
	organizationId: z.uuid({ error: 'error_not_found' }),
	id: z.uuid({ error: 'error_not_found' })
});
export const listListingsInput = z.object({ organizationId: z.uuid({ error: 'error_not_found' }) });
