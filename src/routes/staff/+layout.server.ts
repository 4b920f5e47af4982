import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Navigation guard only: every page load and procedure below checks the role again itself.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user)
		redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	if (locals.user.role !== 'staff' && locals.user.role !== 'admin') error(403, 'error_forbidden');
	return { isAdmin: locals.user.role === 'admin' };
};
