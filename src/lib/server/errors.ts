/**
 * Errors a domain service raises on purpose. They carry a message key from the catalogues (the
 * user's language is chosen at the edge) and, for form input, errors by field.
 */
export type AppErrorCode =
	| 'BAD_REQUEST'
	| 'UNAUTHORIZED'
	| 'FORBIDDEN'
	| 'NOT_FOUND'
	| 'CONFLICT'
	| 'TOO_MANY_REQUESTS'
	| 'PAYLOAD_TOO_LARGE'
	| 'SERVICE_UNAVAILABLE';

export const HTTP_STATUS: Record<AppErrorCode, number> = {
	BAD_REQUEST: 400,
	UNAUTHORIZED: 401,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	CONFLICT: 409,
	PAYLOAD_TOO_LARGE: 413,
	TOO_MANY_REQUESTS: 429,
	SERVICE_UNAVAILABLE: 503
};

export interface AppErrorOptions {
	/** Field name -> message keys. */
	fieldErrors?: Record<string, string[]>;
	/** Values for the message's placeholders. */
	params?: Record<string, string | number>;
	/** Seconds until a throttled request may be retried. */
	retryAfter?: number;
}

export class AppError extends Error {
	override name = 'AppError';
	constructor(
		readonly code: AppErrorCode,
		readonly messageKey: string,
		readonly options: AppErrorOptions = {}
	) {
		super(messageKey);
	}
}

export const notFound = () => new AppError('NOT_FOUND', 'error_not_found');
export const forbidden = () => new AppError('FORBIDDEN', 'error_forbidden');
