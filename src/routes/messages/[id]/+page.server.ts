import { error, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { translate } from '$lib/i18n/translate';

export const load: PageServerLoad = async (event) => {
	const { locals, url, params } = event;
	if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
	const caller = callerFor(event);
	try {
		// Membership is checked here, for this conversation, on every load.
		const conversation = await caller.chat.conversation({ conversationId: params.id });
		const history = await caller.chat.history({ conversationId: params.id });
		return { conversation, history };
	} catch (err) {
		if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST'))
			error(404, translate('chat_error_not_found', {}, locals.locale));
		throw err;
	}
};
