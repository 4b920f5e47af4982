import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';

// Signing out changes state, so it is a POST (a GET link could be triggered by any page).
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session || event.locals.pendingSecondFactor)
			await callerFor(event).auth.signOut();
		redirect(303, '/sign-in?signed-out=1');
	}
};
