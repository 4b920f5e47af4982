import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { listUserOrgs } from '$lib/server/organizations/membership';
import { clusterActions } from '$lib/server/clusters/clusters.actions';
import { findInviteCandidates } from '$lib/server/clusters/invite-candidates';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	let view;
	try {
		view = await callerFor(event).clusters.get({ idOrSlug: params.slug });
	} catch (err) {
		if (err instanceof TRPCError && err.code === 'NOT_FOUND') error(404, 'error_not_found');
		throw err;
	}
	const myOrgs = locals.user ? await listUserOrgs(locals.deps.db, locals.user.id) : [];
	const inviteQuery = url.searchParams.get('invite') ?? '';
	const candidates =
		view.canCoordinate && inviteQuery
			? await findInviteCandidates(locals.deps.db, view.cluster.id, inviteQuery)
			: [];
	return { view, myOrgs, inviteQuery, candidates };
};

export const actions: Actions = clusterActions;
