import { fail, type ActionFailure } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Locale } from '$lib/i18n/locales';
import { localizeError } from './trpc/error-format';
import { isConnectionError } from './db/db';
import { translate } from '$lib/i18n/translate';

export interface FormFailure {
	message: string;
	fieldErrors: Record<string, string[]>;
	values: Record<string, string>;
	retryAfter?: number;
}

/**
 * A form action's error, as SvelteKit's `fail()` with the message and field errors in the user's
 * language and the submitted values (never passwords) to refill the form.
 */
export function failFromError(
	err: unknown,
	locale: Locale,
	values: Record<string, string> = {}
): ActionFailure<FormFailure> {
	if (err instanceof TRPCError) {
		const localized = localizeError(err, locale);
		const status = localized.unavailable ? 503 : getHTTPStatusCodeFromError(err);
		if (status < 500 || localized.unavailable) {
			return fail(status, {
				message: localized.message,
				fieldErrors: localized.fieldErrors ?? {},
				values,
				retryAfter: localized.retryAfter
			});
		}
	}
	if (isConnectionError(err) || isConnectionError((err as { cause?: unknown })?.cause)) {
		return fail(503, {
			message: translate('error_unavailable', {}, locale),
			fieldErrors: {},
			values
		});
	}
	throw err;
}

/** Form fields as strings (files and missing fields become ''). */
export function formValues(data: FormData, names: string[]): Record<string, string> {
	return Object.fromEntries(
		names.map((n) => [n, typeof data.get(n) === 'string' ? (data.get(n) as string) : ''])
	);
}

/** Only same-site paths: `?redirectTo=//evil.example` must not leave the site. */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
		return fallback;
	return target;
}
