import { redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	// The link is the secret: no cache keeps the page.
	event.setHeaders({ 'cache-control': 'no-store' });
	try {
		const invitation = await callerFor(event).organizations.members.invitation({
			token: event.params.token
		});
		return { invitation };
	} catch (err) {
		if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST'))
			return { invitation: null };
		throw err;
	}
};

export const actions: Actions = {
	default: async (event) => {
		let slug: string;
		try {
			({ slug } = await callerFor(event).organizations.members.accept({
				token: event.params.token
			}));
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
		redirect(303, `/o/${slug}?joined=1`);
	}
};
