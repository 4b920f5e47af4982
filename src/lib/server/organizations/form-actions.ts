import { fail } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n/locales';
import { failFromError } from '$lib/server/forms';

/**
 * failFromError, tagged with the form it answers: a page with several forms shows the message
 * and field errors next to the right one.
 */
export function failForForm(
	form: string,
	err: unknown,
	locale: Locale,
	values: Record<string, string> = {}
) {
	const failure = failFromError(err, locale, values);
	return fail(failure.status, { ...failure.data, form });
}

export function formString(data: FormData, name: string): string {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
}
