import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { failFromError, formValues } from '$lib/server/forms';

export const load: PageServerLoad = async (event) =>
	callerFor(event).staff.verificationRequest({ id: event.params.id }).catch(pageError(event));

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData(), ['decision', 'reason']);
		try {
			await callerFor(event).staff.decideVerification({
				id: event.params.id,
				decision: values.decision === 'verify' ? 'verify' : 'reject',
				reason: values.reason || undefined
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		return {
			done: values.decision === 'verify' ? 'staff_verif_done_verified' : 'staff_verif_done_rejected'
		};
	}
};
