import { z } from 'zod';
import { router, protectedProcedure, publicProcedure, staffProcedure } from '../init';
import * as chat from '$lib/server/chat/chat.service';
import * as conversations from '$lib/server/chat/conversation.service';
import * as s from '$lib/server/chat/chat.schema';

/**
 * Chat over HTTP: pages and the no-JavaScript paths. Sending lives on the socket (`chat:send`),
 * where the acknowledgement carries the stored message; the same rules apply on both.
 */
export const chatRouter = router({
	inbox: protectedProcedure
		.input(s.inboxInput)
		.query(({ ctx, input }) => conversations.listInbox(ctx.deps, ctx.user.id, ctx.locale, input)),
	unreadCount: protectedProcedure.query(({ ctx }) => chat.countUnread(ctx.deps, ctx.user.id)),
	conversation: protectedProcedure
		.input(s.conversationRef)
		.query(({ ctx, input }) =>
			conversations.getConversationView(ctx.deps, ctx.user.id, input.conversationId, ctx.locale)
		),
	history: protectedProcedure
		.input(s.historyInput)
		.query(({ ctx, input }) => chat.listHistory(ctx.deps, ctx.user.id, input)),
	after: protectedProcedure
		.input(s.syncInput)
		.query(({ ctx, input }) => chat.listMessagesAfter(ctx.deps, ctx.user.id, input)),
	send: protectedProcedure
		.input(s.sendInput)
		.mutation(
			async ({ ctx, input }) => (await chat.sendMessage(ctx.deps, ctx.user.id, input)).message
		),
	markRead: protectedProcedure
		.input(s.readInput)
		.mutation(({ ctx, input }) => chat.markRead(ctx.deps, ctx.user.id, input)),
	edit: protectedProcedure
		.input(s.editInput)
		.mutation(({ ctx, input }) => chat.editMessage(ctx.deps, ctx.user.id, input)),
	delete: protectedProcedure
		.input(s.messageRef)
		.mutation(({ ctx, input }) => chat.deleteMessage(ctx.deps, ctx.user.id, input.messageId)),
	directStatus: publicProcedure
		.input(z.object({ organizationId: z.uuid() }))
		.query(({ ctx, input }) =>
			conversations.getDirectStatus(ctx.deps, ctx.user?.id ?? null, input.organizationId, {
				staff: ctx.user?.role === 'staff' || ctx.user?.role === 'admin'
			})
		),
	openDirect: protectedProcedure
		.input(s.openDirectInput)
		.mutation(({ ctx, input }) => conversations.openDirect(ctx.deps, ctx.user.id, input)),
	report: protectedProcedure
		.input(s.reportInput)
		.mutation(({ ctx, input }) => chat.reportMessage(ctx.deps, ctx.user.id, input)),
	hide: staffProcedure
		.input(s.hideInput)
		.mutation(({ ctx, input }) => chat.hideMessage(ctx.deps, ctx.user.id, input))
});
