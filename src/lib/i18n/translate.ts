import * as messages from '$lib/paraglide/messages.js';
import type { Locale } from './locales';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const catalogue = messages as unknown as Record<string, MessageFn>;

export function hasMessage(key: string): boolean {
	return typeof catalogue[key] === 'function';
}

/**
 * Translates a message key chosen at run time (error keys, reason codes). Text that is not a key
 * (already translated advice, for instance) is returned as it is.
 */
export function translate(
	key: string,
	params: Record<string, unknown> = {},
	locale?: Locale
): string {
	const fn = catalogue[key];
	return fn ? fn(params, locale ? { locale } : undefined) : key;
}
