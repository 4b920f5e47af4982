import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError } from '$lib/server/forms';

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).auth.resetPassword({
				token: event.params.token,
				password: String(data.get('password') ?? '')
			});
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
		redirect(303, '/sign-in?reset=1');
	}
};
