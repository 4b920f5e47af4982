import { z } from 'zod';
import { CATEGORY_CODES, SECTOR_CODES, STAGE_CODES } from '$lib/taxonomy/taxonomy';
import { PROVINCE_CODES } from '$lib/taxonomy/geography';
import { MAX_PAGE } from '$lib/search/facets';

const codes = (list: [string, ...string[]]) => z.array(z.enum(list)).max(list.length).optional();

export const searchFiltersInput = z.object({
	kind: z
		.array(z.enum(['cooperative', 'partner']))
		.max(2)
		.optional(),
	sector: codes(SECTOR_CODES),
	province: codes(PROVINCE_CODES),
	country: z
		.array(z.string().regex(/^[A-Z]{2}$/))
		.max(30)
		.optional(),
	verified: z.boolean().optional(),
	offer: codes(CATEGORY_CODES),
	need: codes(CATEGORY_CODES),
	stage: codes(STAGE_CODES),
	womenLed: z.boolean().optional()
});

export const searchOrganizationsInput = z.object({
	q: z.string().max(200).default(''),
	filters: searchFiltersInput.default({}),
	sort: z.enum(['relevance', 'distance']).default('relevance'),
	/** Distance from this point; by default the signed-in user's organization. */
	near: z
		.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
		.optional(),
	page: z.number().int().min(1).max(MAX_PAGE).default(1)
});

export type SearchOrganizationsInput = z.infer<typeof searchOrganizationsInput>;
