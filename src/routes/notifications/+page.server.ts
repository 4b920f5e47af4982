import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues, safeRedirect } from '$lib/server/forms';
import { requireUser } from '$lib/server/matching/page-helpers';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const before = Number(event.url.searchParams.get('before'));
	return {
		notifications: await callerFor(event).notifications.list({
			before: Number.isInteger(before) && before > 0 ? before : null
		}),
		paged: event.url.searchParams.has('before')
	};
};

const ids = (value: string) => [Number(value)].filter((n) => Number.isInteger(n) && n > 0);

export const actions: Actions = {
	/** Opening a notification marks it read, then goes where it points (on this site only). */
	open: async (event) => {
		const values = formValues(await event.request.formData(), ['id', 'href']);
		try {
			if (ids(values.id).length)
				await callerFor(event).notifications.markRead({ ids: ids(values.id) });
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
		redirect(303, safeRedirect(values.href, '/notifications'));
	},
	read: async (event) => {
		const values = formValues(await event.request.formData(), ['id']);
		try {
			await callerFor(event).notifications.markRead({ ids: ids(values.id) });
			return { ok: true };
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
	},
	readAll: async (event) => {
		try {
			await callerFor(event).notifications.markAllRead();
			return { ok: true };
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
	}
};
