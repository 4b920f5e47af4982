import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

export const load: PageServerLoad = async (event) => {
	const caller = callerFor(event);
	const profile = await caller.organizations
		.bySlug({ slug: event.params.slug })
		.catch(pageError(event));
	// Private pages (drafts, contact details) must not be kept by shared caches.
	event.setHeaders({ 'cache-control': 'private, no-cache' });
	// For a signed-in visitor from another organization: can a message be sent from here?
	const direct =
		event.locals.user && !profile.viewer.role
			? await caller.chat.directStatus({ organizationId: profile.id })
			: null;
	return {
		profile,
		origin: event.locals.deps.env.ORIGIN ?? event.url.origin,
		directState: direct?.state ?? null
	};
};
