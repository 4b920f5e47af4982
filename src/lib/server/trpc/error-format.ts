import type { TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { Locale } from '$lib/i18n/locales';
import { hasMessage, translate } from '$lib/i18n/translate';
import { AppError } from '$lib/server/errors';

export interface LocalizedError {
	message: string;
	messageKey: string;
	fieldErrors?: Record<string, string[]>;
	retryAfter?: number;
	unavailable?: boolean;
}

const zodLocales = { ar: z.locales.ar, fr: z.locales.fr, en: z.locales.en };

/** One message per zod issue, in the user's language: our own keys, else zod's own translation. */
export function zodFieldErrors(error: ZodError, locale: Locale): Record<string, string[]> {
	const localeError = zodLocales[locale]().localeError;
	const out: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const field = issue.path.map(String).join('.') || '_';
		let text: string;
		if (hasMessage(issue.message)) text = translate(issue.message, {}, locale);
		else {
			const translated = localeError(issue as never);
			text = typeof translated === 'string' ? translated : (translated?.message ?? issue.message);
		}
		const list = (out[field] ??= []);
		if (!list.includes(text)) list.push(text);
	}
	return out;
}

export function translateFieldErrors(fieldErrors: Record<string, string[]>, locale: Locale) {
	return Object.fromEntries(
		Object.entries(fieldErrors).map(([k, v]) => [k, v.map((m) => translate(m, {}, locale))])
	);
}

export function localizeAppError(err: AppError, locale: Locale): LocalizedError {
	return {
		message: translate(err.messageKey, err.options.params ?? {}, locale),
		messageKey: err.messageKey,
		fieldErrors: err.options.fieldErrors
			? translateFieldErrors(err.options.fieldErrors, locale)
			: undefined,
		retryAfter: err.options.retryAfter,
		unavailable: err.code === 'SERVICE_UNAVAILABLE' || undefined
	};
}

export function localizeError(error: TRPCError, locale: Locale): LocalizedError {
	if (error.cause instanceof AppError) return localizeAppError(error.cause, locale);
	if (error.cause instanceof ZodError) {
		return {
			message: translate('error_invalid_input', {}, locale),
			messageKey: 'error_invalid_input',
			fieldErrors: zodFieldErrors(error.cause, locale)
		};
	}
	if (error.code === 'INTERNAL_SERVER_ERROR') {
		return { message: translate('error_internal', {}, locale), messageKey: 'error_internal' };
	}
	const key = hasMessage(error.message) ? error.message : defaultKey(error.code);
	return { message: translate(key, {}, locale), messageKey: key };
}

function defaultKey(code: TRPCError['code']) {
	switch (code) {
		case 'UNAUTHORIZED':
			return 'error_sign_in_required';
		case 'FORBIDDEN':
			return 'error_forbidden';
		case 'NOT_FOUND':
			return 'error_not_found';
		case 'TOO_MANY_REQUESTS':
			return 'error_too_many_requests';
		case 'PAYLOAD_TOO_LARGE':
			return 'error_too_large';
		default:
			return 'error_invalid_input';
	}
}
