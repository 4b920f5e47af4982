import { error, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { failFromError, formValues } from '$lib/server/forms';
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
		return { conversation, history, clientId: randomUUID() };
	} catch (err) {
		if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST'))
			error(404, translate('chat_error_not_found', {}, locals.locale));
		throw err;
	}
};

/** Sending without JavaScript: the same procedure, then back to the conversation. */
export const actions: Actions = {
	send: async (event) => {
		const values = formValues(await event.request.formData(), ['body', 'clientId']);
		try {
			await callerFor(event).chat.send({
				conversationId: event.params.id,
				clientId: values.clientId,
				body: values.body
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, { body: values.body });
		}
		redirect(303, `/messages/${event.params.id}`);
	}
};
