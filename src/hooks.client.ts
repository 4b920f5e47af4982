import type { ClientInit } from '@sveltejs/kit';
import { isLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

// The server chose the page's language (account, cookie, browser) and wrote it on <html lang>;
// the browser keeps that one for the life of the document (switching language reloads the page).
// Paraglide would otherwise work it out again, reading document.cookie, for every one of the
// hundreds of messages a page renders while it hydrates.
const pageLocale = document.documentElement.lang;
if (isLocale(pageLocale)) overwriteGetLocale(() => pageLocale);

/**
 * The browser evaluates the app's one bundle, then hydrates the page: without a pause between them
 * they are one long task, during which a phone can neither paint nor answer a tap. Yielding once
 * makes two shorter tasks (Lighthouse's "total blocking time" counts what each task runs over 50 ms).
 */
export const init: ClientInit = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
