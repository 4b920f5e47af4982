import { z } from 'zod';

export const MESSAGE_MAX = 500;
export const CONNECTIONS_PAGE_SIZE = 20;
/** Requests an organization may send in any 24 hours (spam and pressure both stay out). */
export const DAILY_REQUEST_LIMIT = 20;

export const requestInput = z.object({
	fromOrgId: z.uuid(),
	toOrgId: z.uuid(),
	message: z
		.string()
		.trim()
		.max(MESSAGE_MAX, 'match_field_message_too_long')
		.optional()
		.transform((v) => (v ? v : null))
});

export const answerInput = z.object({ connectionId: z.uuid() });

export const BOXES = ['received', 'sent', 'accepted', 'history'] as const;
export type Box = (typeof BOXES)[number];

export const listInput = z.object({
	organizationId: z.uuid(),
	box: z.enum(BOXES).default('received'),
	page: z.coerce.number().int().min(1).max(1000).default(1)
});

export const betweenInput = z.object({ organizationId: z.uuid(), otherOrgId: z.uuid() });
