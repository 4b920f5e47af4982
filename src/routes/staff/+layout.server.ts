import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Navigation guard only: every page load and procedure below checks the role again itself.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user)
		redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	if (locals.user.role !== 'staff' && locals.user.role !== 'admin') error(403, 'error_forbidden');
	if (!locals.user.totpEnabled) redirect(303, '/account/two-factor?required=1');
	return { isAdmin: locals.user.role === 'admin' };
};
