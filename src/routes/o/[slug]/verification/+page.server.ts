import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getOrgRole } from '$lib/server/organizations/membership';
import { listForOrganization } from '$lib/server/verification/verification.repo';
import { requestVerification } from '$lib/server/verification/verification.service';
import { AppError, HTTP_STATUS } from '$lib/server/errors';
import { inputProblem } from '$lib/server/input/input-guard';
import { translate } from '$lib/i18n/translate';
import { localizeAppError } from '$lib/server/trpc/error-format';
import type { Queryable } from '$lib/server/db/db';

async function orgBySlug(db: Queryable, slug: string) {
	const { rows } = await db.query<{
		id: string;
		slug: string;
		name_ar: string | null;
		name_fr: string | null;
		name_en: string | null;
		verified_at: Date | null;
		registration_number: string | null;
	}>(
		'SELECT id, slug, name_ar, name_fr, name_en, verified_at, registration_number FROM organizations WHERE slug = $1',
		[slug]
	);
	return rows[0] ?? null;
}

// Owners and admins only; for anyone else the page does not exist.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
	const org = await orgBySlug(locals.deps.db, params.slug);
	const role = org ? await getOrgRole(locals.deps.db, org.id, locals.user.id) : null;
	if (!org || (role !== 'owner' && role !== 'admin')) error(404, 'error_not_found');
	return { org, requests: await listForOrganization(locals.deps.db, org.id) };
};

export const actions: Actions = {
	// Calls the service directly (the document's bytes), so it guards its text itself.
	default: async ({ locals, params, request }) => {
		if (!locals.user) error(401, 'error_sign_in_required');
		const org = await orgBySlug(locals.deps.db, params.slug);
		if (!org) error(404, 'error_not_found');
		const form = await request.formData();
		const file = form.get('document');
		const values = {
			registrationNumber: String(form.get('registrationNumber') ?? ''),
			note: String(form.get('note') ?? '')
		};
		if (inputProblem(values)) {
			const message = translate('error_invalid_input', {}, locals.locale);
			return fail(400, { message, fieldErrors: {} as Record<string, string[]>, values });
		}
		try {
			await requestVerification(locals.deps, locals.user, {
				organizationId: org.id,
				registrationNumber: values.registrationNumber,
				note: values.note,
				document:
					file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null
			});
		} catch (err) {
			if (err instanceof AppError) {
				const l = localizeAppError(err, locals.locale);
				// Someone else's organization does not exist for them, as on the page itself.
				return fail(err.code === 'FORBIDDEN' ? 404 : HTTP_STATUS[err.code], {
					message: l.message,
					fieldErrors: l.fieldErrors ?? {},
					values
				});
			}
			throw err;
		}
		return { done: true };
	}
};
