import { ZodError, type z } from 'zod';
import type { AckError, AckFn } from '$lib/realtime/events';
import type { Locale } from '$lib/i18n/locales';
import { AppError } from '$lib/server/errors';
import { isConnectionError } from '$lib/server/db/db';
import { translate } from '$lib/i18n/translate';
import { localizeAppError, zodFieldErrors } from '$lib/server/trpc/error-format';
import type { Logger } from '$lib/server/log';
import { inputProblem } from '$lib/server/input/input-guard';

/** A socket request's error, in the user's language, shaped like a tRPC error's data. */
export function toAckError(err: unknown, locale: Locale, log: Logger): AckError {
	if (err instanceof AppError) {
		const l = localizeAppError(err, locale);
		return {
			code: err.code,
			message: l.message,
			...(l.fieldErrors ? { fieldErrors: l.fieldErrors } : {}),
			...(l.retryAfter ? { retryAfter: l.retryAfter } : {})
		};
	}
	if (err instanceof ZodError) {
		return {
			code: 'BAD_REQUEST',
			message: translate('error_invalid_input', {}, locale),
			fieldErrors: zodFieldErrors(err, locale)
		};
	}
	if (isConnectionError(err))
		return { code: 'SERVICE_UNAVAILABLE', message: translate('error_unavailable', {}, locale) };
	log.error({ err }, 'socket request failed');
	return { code: 'INTERNAL', message: translate('error_internal', {}, locale) };
}

/**
 * Wraps a request handler: validates the payload with zod, acknowledges `{ data }` or `{ error }`.
 * A request without an acknowledgement callback is ignored (nobody would hear the answer).
 */
export function request<S extends z.ZodType, T>(
	ctx: { locale: () => Locale; log: Logger; allow: () => boolean },
	schema: S,
	fn: (input: z.output<S>) => Promise<T>
) {
	return async (raw: unknown, ack: unknown) => {
		if (typeof ack !== 'function') return;
		const reply = ack as AckFn<T>;
		try {
			if (!ctx.allow())
				throw new AppError('TOO_MANY_REQUESTS', 'error_too_many_requests', { retryAfter: 1 });
			if (inputProblem(raw)) throw new AppError('BAD_REQUEST', 'error_invalid_input');
			reply({ data: await fn(schema.parse(raw)) });
		} catch (err) {
			reply({ error: toAckError(err, ctx.locale(), ctx.log) });
		}
	};
}

/** A token bucket: `rate` events a second on average, bursts up to `burst`. */
export function tokenBucket(rate: number, burst: number, now = () => Date.now()) {
	let tokens = burst;
	let at = now();
	return () => {
		const t = now();
		tokens = Math.min(burst, tokens + ((t - at) / 1000) * rate);
		at = t;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	};
}
