import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, safeRedirect } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	if (!locals.pendingSecondFactor) redirect(303, '/sign-in');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const code = String((await event.request.formData()).get('code') ?? '');
		try {
			await callerFor(event).account.verifySecondFactor({ code });
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
};
