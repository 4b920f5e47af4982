import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues, safeRedirect } from '$lib/server/forms';

// Reporting is a POST from a profile or a cluster page; there is nothing to show here.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData(), [
			'targetType',
			'targetId',
			'reason',
			'details',
			'redirectTo'
		]);
		try {
			await callerFor(event).moderation.report({
				targetType: values.targetType as 'organization',
				targetId: values.targetId,
				reason: values.reason as 'other',
				details: values.details || undefined
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		const back = safeRedirect(values.redirectTo);
		redirect(303, `${back}${back.includes('?') ? '&' : '?'}reported=1`);
	}
};
