import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { failFromError, formValues } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	if (event.locals.user?.role !== 'admin') error(403, 'error_forbidden');
	return { staff: await callerFor(event).staff.listStaff().catch(pageError(event)) };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData(), ['email', 'grant']);
		try {
			await callerFor(event).staff.setStaffRole({
				email: values.email,
				grant: values.grant === '1'
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		return { done: values.grant === '1' ? 'staff_roles_done_granted' : 'staff_roles_done_revoked' };
	}
};
