import type { User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import { AppError, notFound } from '$lib/server/errors';
import { enqueueSearchSync } from '$lib/server/search/outbox';
import { findTown } from '$lib/taxonomy/geography';
import { localized, logoUrl } from '$lib/organizations/options';
import { recordSearchableChange } from './search-sync';
import { getOrgRole, requireOrgRole, MANAGER_ROLES, type OrgRole } from './membership';
import * as repo from './organizations.repo';
import { insertMember, countOwned } from './members.repo';
import { listListings } from './listings.repo';
import { baseSlug, firstFreeSlug } from './slug';
import { toListingView } from './listings.service';
import { deleteLogo } from './logo';
import type { ProfileInput } from './organizations.schema';

/** How many organizations one account may own. */
export const MAX_OWNED = 20;

export type Viewer = Pick<User, 'id' | 'role'> | null;

const isStaff = (viewer: Viewer) => viewer?.role === 'staff' || viewer?.role === 'admin';

export function isSuspended(org: Pick<repo.OrgRow, 'suspended_until'>) {
	return !!org.suspended_until && org.suspended_until.getTime() > Date.now();
}

/** Shown to everyone: published, not hidden by staff, not suspended. */
export function isPublic(org: Pick<repo.OrgRow, 'status' | 'suspended_until'>) {
	return org.status === 'published' && !isSuspended(org);
}

/** The form's values as columns; fields of the other kind are cleared. */
function toColumns(input: ProfileInput): repo.ProfileColumns {
	const coop = input.kind === 'cooperative';
	// A cooperative without a precise position sits at its town (search sorts by distance).
	const town = coop ? findTown(input.province, input.town) : null;
	const located = input.lat !== null && input.lng !== null;
	return {
		partner_type: coop ? null : input.partnerType,
		name_ar: input.name.ar,
		name_fr: input.name.fr,
		name_en: input.name.en,
		description_ar: input.description.ar,
		description_fr: input.description.fr,
		description_en: input.description.en,
		province: coop ? input.province : null,
		town: coop ? (town?.code ?? null) : null,
		country: coop ? 'MA' : (input.country ?? 'MA'),
		region: coop ? null : input.region,
		lat: located ? input.lat : (town?.lat ?? null),
		lng: located ? input.lng : (town?.lng ?? null),
		founded_year: input.foundedYear,
		members_total: input.membersTotal,
		members_women: input.membersWomen,
		members_youth: input.membersYouth,
		legal_form: input.legalForm,
		registration_number: input.registrationNumber,
		certifications: input.certifications,
		languages: input.languages,
		contact_email: input.contactEmail,
		contact_phone: input.contactPhone,
		website: input.website
	};
}

const isSlugConflict = (err: unknown) =>
	(err as { code?: string; constraint?: string })?.code === '23505' &&
	(err as { constraint?: string }).constraint === 'organizations_slug_key';

/** Creates a draft organization; its creator becomes its owner. */
export async function createOrganization(deps: AppDeps, userId: string, input: ProfileInput) {
	const base = baseSlug(input.name);
	for (let attempt = 0; ; attempt++) {
		try {
			return await deps.db.tx(async (client) => {
				if ((await countOwned(client, userId)) >= MAX_OWNED)
					throw new AppError('FORBIDDEN', 'org_error_too_many_owned', {
						params: { max: MAX_OWNED }
					});
				// Two creations racing for one slug: the loser retries with the next free one.
				const slug = firstFreeSlug(base, await repo.findTakenSlugs(client, base));
				const org = await repo.insertOrganization(client, {
					kind: input.kind,
					slug,
					createdBy: userId,
					profile: toColumns(input)
				});
				await repo.replaceSectors(client, org.id, input.sectors);
				await insertMember(client, org.id, userId, 'owner');
				await enqueueSearchSync(client, 'organization', org.id);
				return org;
			});
		} catch (err) {
			if (isSlugConflict(err) && attempt < 3) continue;
			throw err;
		}
	}
}

/** Replaces every profile field (kind is fixed at creation). Owners and admins only. */
export async function updateOrganization(
	deps: AppDeps,
	userId: string,
	input: ProfileInput & { id: string }
) {
	await deps.db.tx(async (client) => {
		await requireOrgRole(client, input.id, userId, MANAGER_ROLES);
		const org = await repo.lockOrganization(client, input.id);
		if (!org) throw notFound();
		if (org.kind !== input.kind)
			throw new AppError('BAD_REQUEST', 'org_error_kind_fixed', {
				fieldErrors: { kind: ['org_error_kind_fixed'] }
			});
		await repo.updateProfile(client, org.id, toColumns(input));
		await repo.replaceSectors(client, org.id, input.sectors);
		await recordSearchableChange(client, org.id);
	});
}

/** Draft ⇄ published. Hidden is the staff's decision and cannot be undone here. */
export async function setOrganizationStatus(
	deps: AppDeps,
	userId: string,
	input: { id: string; status: 'draft' | 'published' }
) {
	return deps.db.tx(async (client) => {
		await requireOrgRole(client, input.id, userId, MANAGER_ROLES);
		const org = await repo.lockOrganization(client, input.id);
		if (!org) throw notFound();
		if (org.status === 'hidden') throw new AppError('FORBIDDEN', 'org_error_hidden_by_staff');
		if (org.status !== input.status) {
			await repo.setStatus(client, org.id, input.status);
			await recordSearchableChange(client, org.id);
		}
		return { status: input.status };
	});
}

/**
 * Deletes an organization (owners only). The outbox row, written in the same transaction, tells
 * search to drop it; the logo file goes once the deletion is committed.
 */
export async function deleteOrganization(deps: AppDeps, userId: string, input: { id: string }) {
	const logo = await deps.db
		.tx(async (client) => {
			await requireOrgRole(client, input.id, userId, ['owner']);
			const org = await repo.lockOrganization(client, input.id);
			if (!org) throw notFound();
			await repo.deleteOrganization(client, org.id);
			await enqueueSearchSync(client, 'organization', org.id);
			return org.logo_path;
		})
		.catch((err) => {
			// Something of another domain (kept on purpose) still points at it: a foreign key
			// (23503), or one declared ON DELETE RESTRICT (23001 or 23503), such as a cluster it
			// coordinates.
			const { code, constraint } = err as { code?: string; constraint?: string };
			// The usual case, and one the owner can solve: say how. (PostgreSQL 18 reports the
			// RESTRICT as 23001, 15 as 23503.)
			if (constraint === 'clusters_coordinator_org_id_fkey')
				throw new AppError('CONFLICT', 'org_error_delete_coordinates_cluster');
			if (code === '23503' || code === '23001')
				throw new AppError('CONFLICT', 'org_error_delete_blocked');
			throw err;
		});
	await deleteLogo(deps.env.dataDir, logo);
}

/** Finds an organization the viewer may see, else NOT_FOUND (drafts do not exist for others). */
async function findVisible(deps: AppDeps, viewer: Viewer, slug: string) {
	const org = await repo.findBySlug(deps.db, slug);
	if (!org) throw notFound();
	const role = viewer ? await getOrgRole(deps.db, org.id, viewer.id) : null;
	if (!isPublic(org) && !role && !isStaff(viewer)) throw notFound();
	return { org, role };
}

/** The public profile page: contact details only for signed-in viewers. */
export async function getProfile(deps: AppDeps, viewer: Viewer, slug: string) {
	const { org, role } = await findVisible(deps, viewer, slug);
	const [sectors, listings] = await Promise.all([
		repo.listSectors(deps.db, org.id),
		listListings(deps.db, org.id)
	]);
	return {
		id: org.id,
		slug: org.slug,
		kind: org.kind,
		partnerType: org.partner_type,
		name: localized(org, 'name'),
		description: localized(org, 'description'),
		sectors,
		province: org.province,
		town: org.town,
		country: org.country,
		region: org.region,
		location: org.lat !== null && org.lng !== null ? { lat: org.lat, lng: org.lng } : null,
		foundedYear: org.founded_year,
		members: { total: org.members_total, women: org.members_women, youth: org.members_youth },
		legalForm: org.legal_form,
		registrationNumber: org.registration_number,
		certifications: org.certifications,
		languages: org.languages,
		logoUrl: logoUrl(org.logo_path),
		status: org.status,
		suspended: isSuspended(org),
		verifiedAt: org.verified_at,
		updatedAt: org.updated_at,
		listings: listings.map(toListingView),
		contact: viewer
			? { email: org.contact_email, phone: org.contact_phone, website: org.website }
			: null,
		viewer: {
			role,
			canManage: !!role && MANAGER_ROLES.includes(role),
			isStaff: isStaff(viewer)
		}
	};
}
export type OrgProfile = Awaited<ReturnType<typeof getProfile>>;

/** Everything the edit form needs. Owners and admins only (members: FORBIDDEN, others: NOT_FOUND). */
export async function getForEdit(deps: AppDeps, userId: string, slug: string) {
	const org = await repo.findBySlug(deps.db, slug);
	if (!org) throw notFound();
	const role = await requireOrgRole(deps.db, org.id, userId, MANAGER_ROLES);
	const town = findTown(org.province, org.town);
	// Shown empty when it is just the town's position, so that choosing another town moves it.
	const atTown = !!town && org.lat === town.lat && org.lng === town.lng;
	return {
		id: org.id,
		slug: org.slug,
		kind: org.kind,
		role,
		status: org.status,
		suspended: isSuspended(org),
		logoUrl: logoUrl(org.logo_path),
		values: {
			partnerType: org.partner_type,
			name: localized(org, 'name'),
			description: localized(org, 'description'),
			sectors: await repo.listSectors(deps.db, org.id),
			province: org.province,
			town: org.town,
			country: org.country,
			region: org.region,
			lat: atTown ? null : org.lat,
			lng: atTown ? null : org.lng,
			foundedYear: org.founded_year,
			membersTotal: org.members_total,
			membersWomen: org.members_women,
			membersYouth: org.members_youth,
			legalForm: org.legal_form,
			registrationNumber: org.registration_number,
			certifications: org.certifications,
			languages: org.languages,
			contactEmail: org.contact_email,
			contactPhone: org.contact_phone,
			website: org.website
		}
	};
}
export type OrgForEdit = Awaited<ReturnType<typeof getForEdit>>;

/** The organization behind a management page, for any member (pages narrow the roles). */
export async function getForMember(
	deps: AppDeps,
	userId: string,
	slug: string,
	roles: OrgRole[] = ['owner', 'admin', 'member']
) {
	const org = await repo.findBySlug(deps.db, slug);
	if (!org) throw notFound();
	const role = await requireOrgRole(deps.db, org.id, userId, roles);
	return { org, role };
}

export async function listMyOrganizations(deps: AppDeps, userId: string) {
	const rows = await repo.listForUser(deps.db, userId);
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		kind: r.kind,
		name: localized(r, 'name'),
		logoUrl: logoUrl(r.logo_path),
		status: r.status,
		suspended: isSuspended(r),
		verified: !!r.verified_at,
		role: r.role,
		listings: r.listings,
		updatedAt: r.updated_at
	}));
}
