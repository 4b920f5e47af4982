import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues, safeRedirect } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	if (locals.pendingSecondFactor)
		redirect(
			303,
			`/sign-in/two-factor?redirectTo=${encodeURIComponent(safeRedirect(url.searchParams.get('redirectTo')))}`
		);
	return {
		ended: url.searchParams.has('ended'),
		signedOut: url.searchParams.has('signed-out'),
		reset: url.searchParams.has('reset')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, ['email']);
		try {
			await callerFor(event).auth.signIn({
				email: values.email,
				password: String(data.get('password') ?? '')
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
};
