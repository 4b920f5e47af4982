import { z } from 'zod';

export const REPORT_REASONS = [
	'spam',
	'abuse',
	'harassment',
	'fraud',
	'inappropriate',
	'other'
] as const;

export const reportInput = z.object({
	targetType: z.enum(['organization', 'cluster', 'user']),
	targetId: z.string().min(1).max(64),
	reason: z.enum(REPORT_REASONS, { error: 'mod_field_reason' }),
	details: z.string().trim().max(2000).optional()
});

export const MODERATION_ACTIONS = [
	'dismiss',
	'hide',
	'warn',
	'suspend_user',
	'suspend_org',
	'restore'
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const moderateInput = z
	.object({
		targetType: z.enum(['message', 'organization', 'cluster', 'user']),
		targetId: z.string().min(1).max(64),
		action: z.enum(MODERATION_ACTIONS),
		reason: z.string().trim().min(3, { error: 'mod_field_reason_required' }).max(2000),
		/** Suspensions: until this day (ISO date); absent means for good. */
		until: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/)
			.optional()
			.transform((v) => (v ? new Date(`${v}T23:59:59Z`) : undefined))
	})
	.refine((v) => !v.until || v.until.getTime() > Date.now(), {
		error: 'mod_field_until_past',
		path: ['until']
	});
export type ModerateInput = z.infer<typeof moderateInput>;
