import type { z } from 'zod';
import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { AppError } from '$lib/server/errors';
import { appendAudit } from '$lib/server/moderation/audit';
import {
	EDIT_WINDOW_MS,
	MAX_MESSAGES_PER_SECOND,
	type ChatMessage,
	type MessagePage
} from '$lib/chat/types';
import * as repo from './chat.repo';
import type {
	editInput,
	hideInput,
	historyInput,
	readInput,
	reportInput,
	sendInput,
	syncInput
} from './chat.schema';

/**
 * The chat's rules. A message is committed to PostgreSQL before anyone hears of it; the same
 * client id sent twice returns the first message; every call checks that the user takes part in
 * the conversation (through an organization), whatever the transport.
 */

export interface Access {
	kind: 'direct' | 'cluster';
	/** The user's organizations taking part; the first one speaks. */
	orgIds: string[];
	canSend: boolean;
}

const notFound = () => new AppError('NOT_FOUND', 'chat_error_not_found');

export async function requireMember(
	db: Queryable,
	conversationId: string,
	userId: string
): Promise<Access> {
	const rows = await repo.findAccess(db, conversationId, userId);
	if (!rows.length) throw notFound();
	if (!rows[0].active) throw new AppError('UNAUTHORIZED', 'error_account_suspended');
	return {
		kind: rows[0].kind,
		orgIds: rows.map((r) => r.organization_id),
		canSend: rows[0].can_send
	};
}

/** After commit: every socket of every participant (their inboxes and header badges too). */
export async function broadcastMessage(
	deps: AppDeps,
	event: 'chat:message-created' | 'chat:message-updated',
	message: ChatMessage,
	recipients?: string[]
) {
	const userIds = recipients ?? [
		...new Set((await repo.listParticipants(deps.db, message.conversationId)).map((p) => p.user_id))
	];
	if (userIds.length) deps.realtime.emitToUsers(userIds, event, message);
}

async function firstCopy(deps: AppDeps, existingId: number, conversationId: string) {
	const first = await repo.getMessage(deps.db, existingId);
	// A client id is the sender's; reused for another conversation it is a client bug.
	if (!first || first.conversation_id !== conversationId)
		throw new AppError('CONFLICT', 'chat_error_client_id_reused');
	return { message: repo.toMessage(first), duplicate: true };
}

/**
 * Sends of each user in the last second on this node, in flight included. PostgreSQL also counts
 * the sender's last second (across nodes), but a burst of concurrent sends all read the count
 * before any of them commits; this window is exact for the sends that reach this node.
 */
const window = new Map<string, { at: number[]; inFlight: number }>();
function takeSendSlot(userId: string, now = Date.now()) {
	const w = window.get(userId) ?? { at: [], inFlight: 0 };
	w.at = w.at.filter((t) => now - t < 1000);
	if (w.at.length + w.inFlight >= MAX_MESSAGES_PER_SECOND) {
		if (!w.at.length && !w.inFlight) window.delete(userId);
		throw new AppError('TOO_MANY_REQUESTS', 'chat_error_rate_limited', { retryAfter: 1 });
	}
	w.inFlight++;
	window.set(userId, w);
	return (stored: boolean) => {
		w.inFlight--;
		if (stored) w.at.push(Date.now());
		else if (!w.at.length && !w.inFlight) window.delete(userId);
	};
}

/**
 * Stores a message (one statement, committed) and only then broadcasts it. The same client id
 * again returns the first message and broadcasts nothing: those who missed it catch up by id.
 */
export async function sendMessage(
	deps: AppDeps,
	userId: string,
	input: z.output<typeof sendInput>
): Promise<{ message: ChatMessage; duplicate: boolean }> {
	let out: repo.SendOutcome;
	const release = takeSendSlot(userId);
	try {
		out = await repo.sendInOneStatement(deps.db, { ...input, userId }, MAX_MESSAGES_PER_SECOND);
		release(Boolean(out.id));
	} catch (err) {
		release(false);
		// The same client id raced in on another connection (another tab, a retry on another
		// node) and won: answer with its message.
		if ((err as { code?: string }).code !== '23505') throw err;
		const { rows } = await deps.db.query<{ id: number }>(
			'SELECT id FROM messages WHERE sender_user_id = $1 AND client_id = $2',
			[userId, input.clientId]
		);
		if (!rows[0]) throw err;
		return firstCopy(deps, rows[0].id, input.conversationId);
	}
	if (!out.org_id) throw notFound();
	if (!out.active) throw new AppError('UNAUTHORIZED', 'error_account_suspended');
	if (out.existing_id) return firstCopy(deps, out.existing_id, input.conversationId);
	if (!out.can_send) throw new AppError('FORBIDDEN', 'chat_error_not_connected');
	if (!out.id)
		throw new AppError('TOO_MANY_REQUESTS', 'chat_error_rate_limited', { retryAfter: 1 });
	const message = repo.toMessage(out as repo.MessageRow);
	await broadcastMessage(deps, 'chat:message-created', message, out.recipients ?? []);
	return { message, duplicate: false };
}

/** Catch-up after a disconnect or a gap: everything after `afterId`, in order. */
export async function listMessagesAfter(
	deps: AppDeps,
	userId: string,
	input: z.output<typeof syncInput>
): Promise<MessagePage> {
	await requireMember(deps.db, input.conversationId, userId);
	const rows = await repo.listAfter(deps.db, input.conversationId, input.afterId, input.limit + 1);
	return {
		messages: rows.slice(0, input.limit).map(repo.toMessage),
		more: rows.length > input.limit
	};
}

/** History, one page before `beforeId` (or the newest page). */
export async function listHistory(
	deps: AppDeps,
	userId: string,
	input: z.output<typeof historyInput>
): Promise<MessagePage> {
	await requireMember(deps.db, input.conversationId, userId);
	const rows = await repo.listBefore(
		deps.db,
		input.conversationId,
		input.beforeId ?? null,
		input.limit + 1
	);
	// Oldest first; the extra row (the oldest) only says that more exist.
	const more = rows.length > input.limit;
	return { messages: (more ? rows.slice(1) : rows).map(repo.toMessage), more };
}

async function ownMessage(deps: AppDeps, userId: string, messageId: number) {
	const row = await repo.getMessage(deps.db, messageId);
	if (!row) throw notFound();
	await requireMember(deps.db, row.conversation_id, userId);
	if (row.sender_user_id !== userId) throw new AppError('FORBIDDEN', 'chat_error_not_yours');
	if (row.deleted_at || row.hidden_at) throw new AppError('CONFLICT', 'chat_error_gone');
	return row;
}

export async function editMessage(
	deps: AppDeps,
	userId: string,
	input: z.output<typeof editInput>,
	now = Date.now()
) {
	const row = await ownMessage(deps, userId, input.messageId);
	if (now - row.created_at.getTime() > EDIT_WINDOW_MS)
		throw new AppError('FORBIDDEN', 'chat_error_edit_window', {
			params: { minutes: EDIT_WINDOW_MS / 60_000 }
		});
	const message = repo.toMessage(await repo.changeMessage(deps.db, row.id, 'edit', input.body));
	await broadcastMessage(deps, 'chat:message-updated', message);
	return message;
}

export async function deleteMessage(deps: AppDeps, userId: string, messageId: number) {
	const row = await ownMessage(deps, userId, messageId);
	const message = repo.toMessage(await repo.changeMessage(deps.db, row.id, 'delete'));
	await broadcastMessage(deps, 'chat:message-updated', message);
	return message;
}

/** Staff only (checked by the caller): replaced live by a placeholder, recorded in the audit log. */
export async function hideMessage(
	deps: AppDeps,
	staffId: string,
	input: z.output<typeof hideInput>
) {
	const updated = await deps.db.tx(async (client) => {
		const row = await repo.getMessage(client, input.messageId);
		if (!row) throw notFound();
		const changed = await repo.changeMessage(client, row.id, 'hide', staffId);
		await repo.closeMessageReports(client, row.id, staffId);
		await appendAudit(client, {
			actorUserId: staffId,
			action: 'message.hide',
			targetType: 'message',
			targetId: String(row.id),
			reason: input.reason,
			details: { conversationId: row.conversation_id, senderUserId: row.sender_user_id }
		});
		return changed;
	});
	const message = repo.toMessage(updated);
	await broadcastMessage(deps, 'chat:message-updated', message);
	return message;
}

export async function reportMessage(
	deps: AppDeps,
	userId: string,
	input: z.output<typeof reportInput>
) {
	const row = await repo.getMessage(deps.db, input.messageId);
	if (!row) throw notFound();
	await requireMember(deps.db, row.conversation_id, userId);
	if (row.sender_user_id === userId) throw new AppError('BAD_REQUEST', 'chat_error_report_own');
	const id = await repo.insertMessageReport(deps.db, {
		reporterId: userId,
		messageId: row.id,
		reason: input.reason,
		details: input.details || null
	});
	// A second report of the same message by the same person is not an error: it is on file.
	return { reported: true, alreadyReported: id === null };
}

export async function markRead(deps: AppDeps, userId: string, input: z.output<typeof readInput>) {
	await requireMember(deps.db, input.conversationId, userId);
	const lastReadMessageId = await repo.advanceReadMarker(
		deps.db,
		input.conversationId,
		userId,
		input.messageId
	);
	// The user's other tabs and header badges follow.
	deps.realtime.emitToUser(userId, 'chat:read-updated', {
		conversationId: input.conversationId,
		lastReadMessageId
	});
	return { lastReadMessageId, unread: await repo.countUnreadTotal(deps.db, userId) };
}

export const countUnread = (deps: AppDeps, userId: string) =>
	repo.countUnreadTotal(deps.db, userId);
