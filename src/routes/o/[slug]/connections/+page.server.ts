import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';
import { memberOrganization } from '$lib/server/matching/page-helpers';
import { listInput } from '$lib/server/connections/connections.schema';
import { orgName } from '$lib/matching/org-card';

export const load: PageServerLoad = async (event) => {
	const { org, canAct } = await memberOrganization(event);
	const q = event.url.searchParams;
	const box = listInput.shape.box.safeParse(q.get('box') ?? undefined);
	const page = listInput.shape.page.safeParse(q.get('page') ?? undefined);
	const list = await callerFor(event).connections.list({
		organizationId: org.id,
		box: box.success ? box.data : 'received',
		page: page.success ? page.data : 1
	});
	return { org, canAct, box: box.success ? box.data : 'received', list };
};

function answer(kind: 'accept' | 'decline' | 'withdraw') {
	return async (event: Parameters<Actions[string]>[0]) => {
		const values = formValues(await event.request.formData(), ['connectionId']);
		try {
			const c = await callerFor(event).connections[kind]({ connectionId: values.connectionId });
			return { answered: { status: c.status, name: orgName(c.other.names, event.locals.locale) } };
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
	};
}

export const actions: Actions = {
	accept: answer('accept'),
	decline: answer('decline'),
	withdraw: answer('withdraw')
};
