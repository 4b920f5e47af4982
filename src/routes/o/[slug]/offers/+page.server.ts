import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError, requireUser } from '$lib/server/trpc/page-errors';
import { readListingForm } from '$lib/server/organizations/listing-form';
import { failForForm, formString } from '$lib/server/organizations/form-actions';
import { translate } from '$lib/i18n/translate';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const profile = await callerFor(event)
		.organizations.bySlug({ slug: event.params.slug })
		.catch(pageError(event));
	// Staff may read a draft's public page, not manage it.
	if (!profile.viewer.role)
		error(404, { message: translate('error_not_found', {}, event.locals.locale) });
	const q = event.url.searchParams;
	const editing = profile.listings.find((l) => l.id === q.get('edit')) ?? null;
	const adding = q.get('new') === 'offer' || q.get('new') === 'need' ? q.get('new') : null;
	return { profile, editing, adding: adding as 'offer' | 'need' | null, saved: q.get('saved') };
};

const back = (slug: string, what: string) => redirect(303, `/o/${slug}/offers?saved=${what}`);

export const actions: Actions = {
	create: async (event) => {
		const data = await event.request.formData();
		const { input, values } = readListingForm(data);
		try {
			await callerFor(event).organizations.listings.create({
				...input,
				organizationId: formString(data, 'organizationId')
			});
		} catch (err) {
			return failForForm('listing', err, event.locals.locale, values);
		}
		back(event.params.slug, 'added');
	},

	update: async (event) => {
		const data = await event.request.formData();
		const { input, values } = readListingForm(data);
		try {
			await callerFor(event).organizations.listings.update({
				...input,
				organizationId: formString(data, 'organizationId'),
				id: formString(data, 'id')
			});
		} catch (err) {
			return failForForm('listing', err, event.locals.locale, values);
		}
		back(event.params.slug, 'updated');
	},

	delete: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).organizations.listings.delete({
				organizationId: formString(data, 'organizationId'),
				id: formString(data, 'id')
			});
		} catch (err) {
			return failForForm('delete', err, event.locals.locale);
		}
		back(event.params.slug, 'deleted');
	}
};
