import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError, requireUser } from '$lib/server/trpc/page-errors';
import { failForForm, formString } from '$lib/server/organizations/form-actions';
import { translate } from '$lib/i18n/translate';
import type { OrgRole } from '$lib/server/organizations/membership';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const caller = callerFor(event);
	const profile = await caller.organizations
		.bySlug({ slug: event.params.slug })
		.catch(pageError(event));
	if (!profile.viewer.role)
		error(404, { message: translate('error_not_found', {}, event.locals.locale) });
	const members = await caller.organizations.members
		.list({ organizationId: profile.id })
		.catch(pageError(event));
	return {
		org: {
			id: profile.id,
			slug: profile.slug,
			name: profile.name,
			canManage: profile.viewer.canManage
		},
		...members
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const data = await event.request.formData();
		const values = { email: formString(data, 'email'), role: formString(data, 'role') };
		try {
			const invited = await callerFor(event).organizations.members.invite({
				organizationId: formString(data, 'organizationId'),
				email: values.email,
				role: values.role as OrgRole
			});
			return { form: 'invite', invited };
		} catch (err) {
			return failForForm('invite', err, event.locals.locale, values);
		}
	},

	revoke: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).organizations.members.revokeInvitation({
				organizationId: formString(data, 'organizationId'),
				id: formString(data, 'id')
			});
		} catch (err) {
			return failForForm('members', err, event.locals.locale);
		}
		return { form: 'members', done: 'revoked' };
	},

	role: async (event) => {
		const data = await event.request.formData();
		try {
			await callerFor(event).organizations.members.setRole({
				organizationId: formString(data, 'organizationId'),
				userId: formString(data, 'userId'),
				role: formString(data, 'role') as OrgRole
			});
		} catch (err) {
			return failForForm('members', err, event.locals.locale);
		}
		return { form: 'members', done: 'role' };
	},

	remove: async (event) => {
		const data = await event.request.formData();
		const userId = formString(data, 'userId');
		try {
			await callerFor(event).organizations.members.remove({
				organizationId: formString(data, 'organizationId'),
				userId
			});
		} catch (err) {
			return failForForm('members', err, event.locals.locale);
		}
		if (userId === event.locals.user?.id) redirect(303, '/my?left=1');
		return { form: 'members', done: 'removed' };
	}
};
