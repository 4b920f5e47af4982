import { z } from 'zod';
import { PROVINCE_CODES } from '$lib/taxonomy/geography';
import { SECTOR_CODES } from '$lib/taxonomy/taxonomy';

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field_invalid' })
	.optional()
	.transform((v) => (v ? new Date(`${v}T00:00:00Z`) : undefined));

/** Filters of the observatory: province, sector and a period [from, to). */
export const observatoryFilters = z
	.object({
		province: z.enum(PROVINCE_CODES).optional(),
		sector: z.enum(SECTOR_CODES).optional(),
		from: day,
		to: day
	})
	.refine((f) => !f.from || !f.to || f.from < f.to, { error: 'obs_field_period', path: ['to'] });

export type ObservatoryFilters = z.infer<typeof observatoryFilters>;
