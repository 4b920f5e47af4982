import { z } from 'zod';
import type { AppDeps } from '$lib/server/deps';
import type { AppServer, AppSocket } from '$lib/server/realtime/server';
import type { OnlineMember } from '$lib/chat/types';
import * as chat from './chat.service';
import * as repo from './chat.repo';
import * as s from './chat.schema';
import { request, tokenBucket } from './socket-ack';

/**
 * The chat's socket events. Every payload is validated with zod and every event is checked for
 * membership in PostgreSQL (typing only relays for a conversation this socket joined after that
 * check). Each socket also has a budget of events a second, whatever they are.
 */
const room = (conversationId: string) => `conv:${conversationId}`;

/** Who of the conversation's participants has a socket open right now, on any node. */
async function onlineMembers(io: AppServer, deps: AppDeps, conversationId: string) {
	const participants = await repo.listParticipants(deps.db, conversationId);
	if (!participants.length) return [];
	const sockets = await io.in(participants.map((p) => `user:${p.user_id}`)).fetchSockets();
	const online = new Set(sockets.map((x) => x.data.userId));
	const seen = new Set<string>();
	const out: OnlineMember[] = [];
	for (const p of participants) {
		if (!online.has(p.user_id) || seen.has(p.user_id)) continue;
		seen.add(p.user_id);
		out.push({ userId: p.user_id, name: p.display_name, organizationId: p.organization_id });
	}
	return out;
}

/** Tells the viewers of this user's conversations that the user came or went. */
async function announcePresence(io: AppServer, deps: AppDeps, userId: string, online: boolean) {
	try {
		// Only the first socket coming and the last one going change anything.
		const open = (await io.in(`user:${userId}`).fetchSockets()).length;
		if (online ? open > 1 : open > 0) return;
		const ids = await repo.listConversationIdsOfUser(deps.db, userId);
		if (ids.length) io.to(ids.map(room)).emit('chat:presence-changed', { userId, online });
	} catch (err) {
		deps.log.debug({ err }, 'chat presence announcement failed');
	}
}

export function registerChat(io: AppServer, socket: AppSocket, deps: AppDeps) {
	const userId = socket.data.userId;
	const ctx = {
		locale: () => socket.data.locale,
		log: deps.log,
		// Beyond the 5 messages a second of chat:send (checked in PostgreSQL, across nodes).
		allow: tokenBucket(20, 40)
	};
	/** The display name shown with typing indicators, per joined conversation. */
	const joined = new Map<string, string>();

	void announcePresence(io, deps, userId, true);
	socket.on('disconnect', () => void announcePresence(io, deps, userId, false));

	socket.on(
		'chat:send',
		request(
			ctx,
			s.sendInput,
			async (input) => (await chat.sendMessage(deps, userId, input)).message
		)
	);
	socket.on(
		'chat:sync',
		request(ctx, s.syncInput, (input) => chat.listMessagesAfter(deps, userId, input))
	);
	socket.on(
		'chat:join',
		request(ctx, s.conversationRef, async ({ conversationId }) => {
			await chat.requireMember(deps.db, conversationId, userId);
			const online = await onlineMembers(io, deps, conversationId);
			const me = (await repo.listParticipants(deps.db, conversationId)).find(
				(p) => p.user_id === userId
			);
			joined.set(conversationId, me?.display_name ?? '');
			await socket.join(room(conversationId));
			return { online };
		})
	);
	socket.on('chat:leave', (raw: unknown) => {
		const parsed = s.conversationRef.safeParse(raw);
		if (!parsed.success || !ctx.allow()) return;
		joined.delete(parsed.data.conversationId);
		void socket.leave(room(parsed.data.conversationId));
	});
	const typingEvery = tokenBucket(1, 2);
	socket.on('chat:typing', (raw: unknown) => {
		const parsed = s.conversationRef.safeParse(raw);
		if (!parsed.success || !typingEvery()) return;
		const name = joined.get(parsed.data.conversationId);
		if (name === undefined) return; // not joined: never checked as a member
		socket
			.to(room(parsed.data.conversationId))
			.emit('chat:user-typed', { conversationId: parsed.data.conversationId, userId, name });
	});
	socket.on(
		'chat:presence',
		request(ctx, s.conversationRef, async ({ conversationId }) => {
			await chat.requireMember(deps.db, conversationId, userId);
			return { online: await onlineMembers(io, deps, conversationId) };
		})
	);
	socket.on(
		'chat:read',
		request(ctx, s.readInput, (input) => chat.markRead(deps, userId, input))
	);
	socket.on('chat:unread', (ack: unknown) =>
		request(ctx, z.undefined(), async () => ({ unread: await chat.countUnread(deps, userId) }))(
			undefined,
			ack
		)
	);
	socket.on(
		'chat:edit',
		request(ctx, s.editInput, (input) => chat.editMessage(deps, userId, input))
	);
	socket.on(
		'chat:delete',
		request(ctx, s.messageRef, ({ messageId }) => chat.deleteMessage(deps, userId, messageId))
	);
}
