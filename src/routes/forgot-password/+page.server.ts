import type { Actions } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData(), ['email']);
		try {
			await callerFor(event).auth.requestPasswordReset({ email: values.email });
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		return { sent: true };
	}
};
