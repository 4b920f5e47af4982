import type { RequestEvent } from '@sveltejs/kit';
import { createContext } from './context';
import { createCaller } from './root';

/** Server loads and form actions call procedures in-process through this, not over HTTP. */
export function callerFor(event: RequestEvent) {
	return createCaller(createContext(event));
}
