import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { safeRedirect } from '$lib/server/forms';
import { isLocale } from '$lib/i18n/locales';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const locale = data.get('locale');
		if (isLocale(locale)) await callerFor(event).auth.setLocale({ locale });
		redirect(303, safeRedirect(String(data.get('redirectTo') ?? '/')));
	}
};
