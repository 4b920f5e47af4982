import type { LayoutServerLoad } from './$types';
import { publicUser } from '$lib/server/trpc/routers/auth';
import { countUnread } from '$lib/server/notifications/notifications.service';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user ? publicUser(locals.user) : null,
	locale: locals.locale,
	// The header's bell starts from this; socket events keep it live afterwards.
	unreadNotifications: locals.user ? await countUnread(locals.deps.db, locals.user.id) : 0
});
