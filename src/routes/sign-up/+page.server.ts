import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues, safeRedirect } from '$lib/server/forms';

// redirectTo: an invitation link sends newcomers here, then back to the invitation.
export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, ['email', 'displayName', 'locale']);
		try {
			await callerFor(event).auth.signUp({
				email: values.email,
				displayName: values.displayName,
				locale: (values.locale || event.locals.locale) as 'ar',
				password: String(data.get('password') ?? '')
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
};
