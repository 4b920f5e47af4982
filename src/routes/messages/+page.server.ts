import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
	event.depends('chat:inbox');
	// Keyset cursor of the previous page: ?at=<iso time>&id=<conversation id>
	const at = url.searchParams.get('at');
	const id = url.searchParams.get('id');
	const inbox = await callerFor(event)
		.chat.inbox({ limit: 30, cursor: at && id ? { at, id } : undefined })
		.catch(() => callerFor(event).chat.inbox({ limit: 30 }));
	return { inbox, paged: Boolean(at && id) };
};
