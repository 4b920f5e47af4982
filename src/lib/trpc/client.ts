import { createTRPCClient } from 'trpc-sveltekit';
import type { AppRouter } from '$lib/server/trpc/root';

/** The browser's tRPC client (same origin, session cookie). */
export const trpc = () => createTRPCClient<AppRouter>({ url: '/api/trpc' });
