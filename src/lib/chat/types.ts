/**
 * Chat shapes shared by the server, the browser and the benchmarks (no server imports here).
 */
export const MAX_MESSAGE_LENGTH = 4000;
/** A sender may edit a message for this long after sending it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Messages per second per user; the next one is refused with a retry delay. */
export const MAX_MESSAGES_PER_SECOND = 5;
export const HISTORY_PAGE = 50;

export type MessageState = 'ok' | 'deleted' | 'hidden';

export interface ChatMessage {
	id: number;
	/** Position in its conversation: 1, 2, 3... with no gaps, so a client can see a missed one. */
	seq: number;
	conversationId: string;
	clientId: string;
	senderUserId: string | null;
	senderName: string | null;
	senderOrgId: string | null;
	/** Null once deleted by its sender or hidden by a moderator: the text never leaves the server. */
	body: string | null;
	state: MessageState;
	createdAt: string;
	editedAt: string | null;
}

export interface OnlineMember {
	userId: string;
	name: string;
	organizationId: string;
}

export interface MessagePage {
	messages: ChatMessage[];
	/** More messages exist beyond this page (older for history, newer for catch-up). */
	more: boolean;
}

export interface ConversationRef {
	conversationId: string;
}
