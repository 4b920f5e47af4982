import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError, requireUser } from '$lib/server/trpc/page-errors';
import { readProfileForm } from '$lib/server/organizations/profile-form';
import { failForForm, formString } from '$lib/server/organizations/form-actions';
import { translate } from '$lib/i18n/translate';
import { LOGO_MAX_BYTES } from '$lib/organizations/options';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const org = await callerFor(event)
		.organizations.forEdit({ slug: event.params.slug })
		.catch(pageError(event));
	return { org, created: event.url.searchParams.has('created') };
};

export const actions: Actions = {
	save: async (event) => {
		const data = await event.request.formData();
		const { input, values } = readProfileForm(data);
		try {
			await callerFor(event).organizations.update({ ...input, id: formString(data, 'id') });
		} catch (err) {
			return failForForm('profile', err, event.locals.locale, values);
		}
		return { form: 'profile', saved: true };
	},

	status: async (event) => {
		const data = await event.request.formData();
		try {
			const status = formString(data, 'status') as 'draft' | 'published';
			await callerFor(event).organizations.setStatus({ id: formString(data, 'id'), status });
			return { form: 'status', status };
		} catch (err) {
			return failForForm('status', err, event.locals.locale);
		}
	},

	logo: async (event) => {
		// Refused before reading: a 50 MB upload is not read into memory to be told it is too big.
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > LOGO_MAX_BYTES + 64 * 1024) {
			const message = translate('org_logo_too_large', {}, event.locals.locale);
			return fail(413, { form: 'logo', message, fieldErrors: { logo: [message] }, values: {} });
		}
		const data = await event.request.formData();
		const file = data.get('logo');
		try {
			await callerFor(event).organizations.setLogo({
				id: formString(data, 'id'),
				file: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
			});
		} catch (err) {
			return failForForm('logo', err, event.locals.locale);
		}
		return { form: 'logo', saved: true };
	},

	delete: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).organizations.delete({ id: formString(data, 'id') });
		} catch (err) {
			return failForForm('delete', err, event.locals.locale);
		}
		redirect(303, '/my?deleted=1');
	},

	removeLogo: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).organizations.removeLogo({ id: formString(data, 'id') });
		} catch (err) {
			return failForForm('logo', err, event.locals.locale);
		}
		return { form: 'logo', removed: true };
	}
};
