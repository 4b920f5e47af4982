import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
	return {};
};

export const actions: Actions = {
	password: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).account.changePassword({
				currentPassword: String(data.get('currentPassword') ?? ''),
				newPassword: String(data.get('newPassword') ?? '')
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, { form: 'password' });
		}
		return { done: 'account_done_password' };
	},
	email: async (event) => {
		const data = await event.request.formData();
		const values: Record<string, string> = { ...formValues(data, ['newEmail']), form: 'email' };
		try {
			await callerFor(event).account.changeEmail({
				currentPassword: String(data.get('currentPassword') ?? ''),
				newEmail: values.newEmail
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		return { done: 'account_done_email' };
	},
	others: async (event) => {
		try {
			const { ended } = await callerFor(event).account.signOutOtherSessions();
			return { done: 'account_done_others', ended };
		} catch (err) {
			// A signed-out post (an expired session) is refused, not a 500.
			return failFromError(err, event.locals.locale, { form: 'others' });
		}
	}
};
