import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';
import { listUserOrgs } from '$lib/server/organizations/membership';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
	const orgs = (await listUserOrgs(locals.deps.db, locals.user.id)).filter(
		(o) => o.role !== 'member' && o.status === 'published'
	);
	return { orgs };
};

const FIELDS = [
	'organizationId',
	'nameAr',
	'nameFr',
	'nameEn',
	'purposeAr',
	'purposeFr',
	'purposeEn',
	'sectorCode',
	'chainCode'
];

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, FIELDS);
		const provinces = data.getAll('provinces').map(String);
		let slug: string;
		try {
			const cluster = await callerFor(event).clusters.propose({
				...values,
				chainCode: values.chainCode || undefined,
				provinces
			} as Parameters<ReturnType<typeof callerFor>['clusters']['propose']>[0]);
			slug = cluster.slug;
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		redirect(303, `/c/${slug}`);
	}
};
