import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
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
		redirect(303, '/');
	}
};
