import type { AppDeps } from '$lib/server/deps';
import { AppError, notFound } from '$lib/server/errors';
import { findCategory } from '$lib/taxonomy/taxonomy';
import { requireOrgRole, MANAGER_ROLES } from './membership';
import * as repo from './listings.repo';
import { localized } from '$lib/organizations/options';
import { recordSearchableChange } from './search-sync';
import type { ListingFields } from './listings.schema';

/** Enough for a real catalogue, few enough that one organization cannot flood search. */
export const MAX_LISTINGS = 40;

function toValues(input: ListingFields): repo.ListingValues {
	return {
		kind: input.kind,
		category_code: input.category,
		// The value-chain stage defaults to where the category usually sits.
		stage_code: input.stage ?? findCategory(input.category)!.stage,
		title_ar: input.title.ar,
		title_fr: input.title.fr,
		title_en: input.title.en,
		text_ar: input.text.ar,
		text_fr: input.text.fr,
		text_en: input.text.en
	};
}

export function toListingView(row: repo.ListingRow) {
	return {
		id: row.id,
		kind: row.kind,
		category: row.category_code,
		stage: row.stage_code,
		title: localized(row, 'title'),
		text: localized(row, 'text'),
		updatedAt: row.updated_at
	};
}
export type ListingView = ReturnType<typeof toListingView>;

export async function listOrgListings(deps: AppDeps, userId: string, organizationId: string) {
	await requireOrgRole(deps.db, organizationId, userId);
	return (await repo.listListings(deps.db, organizationId)).map(toListingView);
}

export async function createListing(
	deps: AppDeps,
	userId: string,
	input: ListingFields & { organizationId: string }
) {
	return deps.db.tx(async (client) => {
		await requireOrgRole(client, input.organizationId, userId, MANAGER_ROLES);
		if ((await repo.countListings(client, input.organizationId)) >= MAX_LISTINGS)
			throw new AppError('CONFLICT', 'org_error_too_many_listings', {
				params: { max: MAX_LISTINGS }
			});
		const row = await repo.insertListing(client, input.organizationId, toValues(input));
		await recordSearchableChange(client, input.organizationId);
		return toListingView(row);
	});
}

export async function updateListing(
	deps: AppDeps,
	userId: string,
	input: ListingFields & { organizationId: string; id: string }
) {
	await deps.db.tx(async (client) => {
		await requireOrgRole(client, input.organizationId, userId, MANAGER_ROLES);
		if (!(await repo.updateListing(client, input.organizationId, input.id, toValues(input))))
			throw notFound();
		await recordSearchableChange(client, input.organizationId);
	});
}

export async function deleteListing(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; id: string }
) {
	await deps.db.tx(async (client) => {
		await requireOrgRole(client, input.organizationId, userId, MANAGER_ROLES);
		if (!(await repo.deleteListing(client, input.organizationId, input.id))) throw notFound();
		await recordSearchableChange(client, input.organizationId);
	});
}
