import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { pickLocalized } from '$lib/i18n/localized';
import { listInvitableClusters } from '$lib/server/clusters/clusters.repo';

export const load: PageServerLoad = async (event) => {
	const caller = callerFor(event);
	const profile = await caller.organizations
		.bySlug({ slug: event.params.slug })
		.catch(pageError(event));
	// Private pages (drafts, contact details) must not be kept by shared caches.
	event.setHeaders({ 'cache-control': 'private, no-cache' });
	const origin = event.locals.deps.env.ORIGIN ?? event.url.origin;
	if (!event.locals.user || profile.viewer.role)
		return { profile, origin, directState: null, connect: null, clusterInvites: [] };

	// For a signed-in person of another organization: write to this one, or ask to connect.
	const [direct, mine] = await Promise.all([
		caller.chat.directStatus({ organizationId: profile.id }),
		caller.connections.myOrganizations()
	]);
	const from = mine
		.filter((o) => o.published && (o.role === 'owner' || o.role === 'admin'))
		.map((o) => ({ id: o.id, name: pickLocalized(o.names, event.locals.locale).text }));
	const open = from[0]
		? await caller.connections.between({ organizationId: from[0].id, otherOrgId: profile.id })
		: null;
	const status =
		open && (open.status === 'pending' || open.status === 'accepted') ? open.status : null;
	// A coordinator may invite this organization into one of their clusters from here.
	const clusterInvites =
		profile.status === 'published'
			? await listInvitableClusters(event.locals.deps.db, event.locals.user.id, profile.id)
			: [];
	return {
		profile,
		origin,
		directState: direct.state,
		connect: from.length ? { from, status } : null,
		clusterInvites
	};
};
