import type { LayoutServerLoad } from './$types';
import { publicUser } from '$lib/server/trpc/routers/auth';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? publicUser(locals.user) : null,
	locale: locals.locale
});
