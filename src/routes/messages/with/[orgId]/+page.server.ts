import { error, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { translate } from '$lib/i18n/translate';

/**
 * "Send a message" to an organization: opens (or finds) the direct conversation when the two
 * organizations are connected and goes there; otherwise says why not. Link to
 * /messages/with/<organization id> (MessageOrgButton does) from a profile or a connection.
 */
export const load: PageServerLoad = async (event) => {
	const { locals, url, params } = event;
	if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
	const caller = callerFor(event);
	let status;
	try {
		status = await caller.chat.directStatus({ organizationId: params.orgId });
	} catch (err) {
		if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST'))
			error(404, translate('error_not_found', {}, locals.locale));
		throw err;
	}
	if (status.state === 'connected') {
		const { conversationId } = await caller.chat.openDirect({ organizationId: params.orgId });
		redirect(303, `/messages/${conversationId}`);
	}
	return { status: status.state };
};
