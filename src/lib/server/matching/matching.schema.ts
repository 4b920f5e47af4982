import { z } from 'zod';
import { PROVINCE_CODES } from '$lib/taxonomy/geography';
import { SECTOR_CODES } from '$lib/taxonomy/taxonomy';

export const SUGGESTIONS_PAGE_SIZE = 10;

const page = z.coerce.number().int().min(1).max(10).default(1);

/** Filters come from the query string: an empty value means "any". */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const suggestionsInput = z.object({
	organizationId: z.uuid(),
	kind: optional(z.enum(['cooperative', 'partner'])),
	province: optional(z.enum(PROVINCE_CODES)),
	sector: optional(z.enum(SECTOR_CODES)),
	page
});
export type SuggestionsInput = z.infer<typeof suggestionsInput>;

export const dismissInput = z.object({
	organizationId: z.uuid(),
	targetId: z.uuid()
});

export const dismissalsInput = z.object({
	organizationId: z.uuid(),
	page: z.coerce.number().int().min(1).max(1000).default(1)
});
