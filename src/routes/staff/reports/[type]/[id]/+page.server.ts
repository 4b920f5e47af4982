import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { failFromError, formValues } from '$lib/server/forms';
import { translate } from '$lib/i18n/translate';
import {
	MODERATION_ACTIONS,
	type ModerationAction
} from '$lib/server/moderation/moderation.schema';

const TYPES = ['message', 'organization', 'cluster', 'user'] as const;
type TargetType = (typeof TYPES)[number];

function targetType(t: string): TargetType {
	const found = TYPES.find((x) => x === t);
	if (!found) error(404, 'error_not_found');
	return found;
}

export const load: PageServerLoad = async (event) => {
	const type = targetType(event.params.type);
	return {
		targetType: type,
		targetId: event.params.id,
		...(await callerFor(event)
			.staff.reportTarget({ targetType: type, targetId: event.params.id })
			.catch(pageError(event)))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData(), ['action', 'reason', 'until']);
		const action = MODERATION_ACTIONS.find((a) => a === values.action) as
			ModerationAction | undefined;
		if (!action)
			return fail(400, {
				message: translate('mod_field_action', {}, event.locals.locale),
				fieldErrors: {} as Record<string, string[]>,
				values
			});
		try {
			await callerFor(event).staff.moderate({
				targetType: targetType(event.params.type),
				targetId: event.params.id,
				action,
				reason: values.reason,
				until: values.until || undefined
			});
		} catch (err) {
			return failFromError(err, event.locals.locale, values);
		}
		return { done: `mod_done_${action}` };
	}
};
