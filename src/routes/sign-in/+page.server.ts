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
		let next = safeRedirect(event.url.searchParams.get('redirectTo'));
		try {
			const me = await callerFor(event).auth.signIn({
				email: values.email,
				password: String(data.get('password') ?? '')
			});
			// Next: the code from the authenticator app, or (staff without one) setting it up.
			if (me.needsSecondFactor) next = `/sign-in/two-factor?redirectTo=${encodeURIComponent(next)}`;
			else if (me.mustSetUpSecondFactor) next = '/account/two-factor?required=1';
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		redirect(303, next);
	}
};
