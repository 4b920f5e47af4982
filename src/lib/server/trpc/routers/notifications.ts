import { z } from 'zod';
import { router, protectedProcedure } from '../init';
import { countUnread } from '$lib/server/notifications/notifications.service';
import { listMyNotifications, markRead } from '$lib/server/notifications/notification-center';

export const notificationsRouter = router({
	unreadCount: protectedProcedure.query(({ ctx }) => countUnread(ctx.deps.db, ctx.user.id)),
	list: protectedProcedure
		.input(z.object({ before: z.coerce.number().int().positive().nullish() }))
		.query(({ ctx, input }) => listMyNotifications(ctx.deps, ctx.user.id, input.before ?? null)),
	markRead: protectedProcedure
		.input(z.object({ ids: z.array(z.number().int().positive()).min(1).max(100) }))
		.mutation(({ ctx, input }) => markRead(ctx.deps, ctx.user.id, input.ids)),
	markAllRead: protectedProcedure.mutation(({ ctx }) => markRead(ctx.deps, ctx.user.id, 'all'))
});
