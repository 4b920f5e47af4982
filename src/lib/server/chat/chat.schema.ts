import { z } from 'zod';
import { HISTORY_PAGE, MAX_MESSAGE_LENGTH } from '$lib/chat/types';

/** Every socket event and procedure input of the chat, validated at the edge. */
const id = z.uuid();
const messageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const messageBody = z
	.string()
	.transform((s) => s.replace(/\r\n?/g, '\n').trim())
	.pipe(z.string().min(1, 'chat_error_empty').max(MAX_MESSAGE_LENGTH, 'chat_error_too_long'));

export const conversationRef = z.object({ conversationId: id });

export const sendInput = z.object({
	conversationId: id,
	// A UUID from crypto.randomUUID(), or any opaque token of reasonable length.
	clientId: z
		.string()
		.min(8)
		.max(64)
		.regex(/^[A-Za-z0-9_-]+$/),
	body: messageBody
});

export const syncInput = z.object({
	conversationId: id,
	afterId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
	limit: z.number().int().min(1).max(500).default(200)
});

export const historyInput = z.object({
	conversationId: id,
	beforeId: messageId.optional(),
	limit: z.number().int().min(1).max(100).default(HISTORY_PAGE)
});

export const readInput = z.object({ conversationId: id, messageId });
export const editInput = z.object({ messageId, body: messageBody });
export const messageRef = z.object({ messageId });

export const openDirectInput = z.object({
	organizationId: id,
	/** Which of my organizations speaks, when I belong to several connected to the other one. */
	fromOrganizationId: id.optional()
});

export const inboxInput = z
	.object({
		limit: z.number().int().min(1).max(100).default(50),
		/** Keyset cursor from the previous page. */
		cursor: z.object({ at: z.iso.datetime({ offset: true }), id }).optional()
	})
	.default({ limit: 50 });

export const reportInput = z.object({
	messageId,
	reason: z.enum(['spam', 'abuse', 'harassment', 'fraud', 'inappropriate', 'other']),
	details: z.string().trim().max(2000).optional()
});

export const hideInput = z.object({ messageId, reason: z.string().trim().min(1).max(500) });
