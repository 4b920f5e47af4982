import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError } from '$lib/server/forms';
import { requireUser } from '$lib/server/trpc/page-errors';
import { readProfileForm } from '$lib/server/organizations/profile-form';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	const kind = event.url.searchParams.get('kind');
	return { kind: kind === 'partner' ? ('partner' as const) : ('cooperative' as const) };
};

export const actions: Actions = {
	default: async (event) => {
		const { input, values } = readProfileForm(await event.request.formData());
		let slug: string;
		try {
			({ slug } = await callerFor(event).organizations.create(input));
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		redirect(303, `/o/${slug}/edit?created=1`);
	}
};
