import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user)
		redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return {
		status: await callerFor(event).account.twoFactorStatus(),
		required: event.url.searchParams.has('required')
	};
};

export const actions: Actions = {
	begin: async (event) => {
		try {
			await callerFor(event).account.beginTwoFactorSetup();
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
		return { begun: true };
	},
	confirm: async (event) => {
		const code = String((await event.request.formData()).get('code') ?? '');
		try {
			return {
				recoveryCodes: (await callerFor(event).account.confirmTwoFactorSetup({ code }))
					.recoveryCodes
			};
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
	},
	regenerate: async (event) => {
		try {
			return {
				recoveryCodes: (await callerFor(event).account.regenerateRecoveryCodes()).recoveryCodes
			};
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
	}
};
