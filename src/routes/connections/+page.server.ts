import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';
import { chooseOrganization } from '$lib/server/matching/my-organizations';
import { orgName } from '$lib/matching/org-card';

export const load: PageServerLoad = (event) => chooseOrganization(event, 'connections');

export const actions: Actions = {
	/** The reusable "request a connection" form (RequestConnection.svelte) posts here from any page. */
	request: async (event) => {
		const values = formValues(await event.request.formData(), ['fromOrgId', 'toOrgId', 'message']);
		try {
			const sent = await callerFor(event).connections.request({
				fromOrgId: values.fromOrgId,
				toOrgId: values.toOrgId,
				message: values.message
			});
			return { requested: { name: orgName(sent.other.names, event.locals.locale) } };
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
	}
};
