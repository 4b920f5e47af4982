import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

export const load: PageServerLoad = async (event) => {
	const profile = await callerFor(event)
		.organizations.bySlug({ slug: event.params.slug })
		.catch(pageError(event));
	// Private pages (drafts, contact details) must not be kept by shared caches.
	event.setHeaders({ 'cache-control': 'private, no-cache' });
	return { profile, origin: event.locals.deps.env.ORIGIN ?? event.url.origin };
};
