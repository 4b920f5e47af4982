import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError, formValues } from '$lib/server/forms';
import { memberOrganization } from '$lib/server/matching/page-helpers';
import { suggestionsInput } from '$lib/server/matching/matching.schema';
import { orgName } from '$lib/matching/org-card';

const FILTERS = ['kind', 'province', 'sector'] as const;

export const load: PageServerLoad = async (event) => {
	const { org, canAct, published } = await memberOrganization(event);
	const q = event.url.searchParams;
	// A hand-edited query string is not an error: unknown filter values are simply ignored.
	const raw = Object.fromEntries(FILTERS.map((f) => [f, q.get(f) ?? undefined]));
	const filters = Object.fromEntries(
		FILTERS.map((f) => {
			const one = suggestionsInput.shape[f].safeParse(raw[f]);
			return [f, one.success ? one.data : undefined];
		})
	) as Pick<typeof suggestionsInput._output, (typeof FILTERS)[number]>;
	const page = suggestionsInput.shape.page.safeParse(q.get('page') ?? undefined);
	const caller = callerFor(event);
	const [suggestions, hidden, clusters] = await Promise.all([
		caller.matching.suggestions({
			organizationId: org.id,
			...filters,
			page: page.success ? page.data : 1
		}),
		caller.matching.dismissals({ organizationId: org.id, page: 1 }),
		caller.clusters.suggestionsFor({ organizationId: org.id })
	]);
	return { org, canAct, published, filters, suggestions, hidden, clusters };
};

async function act<T>(
	event: Parameters<Actions[string]>[0],
	fields: string[],
	run: (values: Record<string, string>, orgId: string) => Promise<T>
) {
	const values = formValues(await event.request.formData(), fields);
	try {
		const { org } = await callerFor(event).matching.organization({ slug: event.params.slug! });
		return await run(values, org.id);
	} catch (err) {
		return failFromError(err, event.locals.locale, values);
	}
}

export const actions: Actions = {
	dismiss: (event) =>
		act(event, ['targetId'], async (v, organizationId) => {
			const { org } = await callerFor(event).matching.dismiss({
				organizationId,
				targetId: v.targetId
			});
			return { dismissed: { id: org.id, name: orgName(org.names, event.locals.locale) } };
		}),
	undo: (event) =>
		act(event, ['targetId'], async (v, organizationId) => {
			const { org } = await callerFor(event).matching.undoDismiss({
				organizationId,
				targetId: v.targetId
			});
			return { restored: { name: org ? orgName(org.names, event.locals.locale) : '' } };
		}),
	request: (event) =>
		act(event, ['toOrgId', 'fromOrgId', 'message'], async (v, organizationId) => {
			const sent = await callerFor(event).connections.request({
				fromOrgId: organizationId,
				toOrgId: v.toOrgId,
				message: v.message
			});
			return { requested: { name: orgName(sent.other.names, event.locals.locale) } };
		})
};
