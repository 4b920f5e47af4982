import type { AppDeps } from '$lib/server/deps';
import { AppError } from '$lib/server/errors';
import { MANAGER_ROLES, requireOrgRole } from '$lib/server/organizations/membership';
import type { OrgCard } from '$lib/matching/org-card';
import type { Reason } from '$lib/matching/reasons';
import { rankSuggestions } from './rank';
import { findOrgById, findOrgBySlug, findOrgCards, type OrgRow } from './org-cards.repo';
import { deleteDismissal, insertDismissal, listDismissals } from './dismissals.repo';
import { SUGGESTIONS_PAGE_SIZE, type SuggestionsInput } from './matching.schema';
import type { Tier } from './scoring';

export interface Suggestion {
	org: OrgCard;
	tier: Tier;
	reasons: Reason[];
}

/** Only what a list needs to show; status and suspension stay on the server. */
export function toCard(row: OrgRow): OrgCard {
	const { status: _s, suspended: _x, ...card } = row;
	return card;
}

/** An organization's private side, for its members: the organization and the reader's role. */
export async function organizationForMember(deps: AppDeps, userId: string, slug: string) {
	const row = await findOrgBySlug(deps.db, slug);
	if (!row) throw new AppError('NOT_FOUND', 'error_not_found');
	const role = await requireOrgRole(deps.db, row.id, userId);
	return {
		org: toCard(row),
		role,
		canAct: MANAGER_ROLES.includes(role),
		published: row.status === 'published' && !row.suspended
	};
}

/** Suggestions are the organization's private side: any member sees them, nobody else. */
export async function listSuggestions(deps: AppDeps, userId: string, input: SuggestionsInput) {
	await requireOrgRole(deps.db, input.organizationId, userId);
	const offset = (input.page - 1) * SUGGESTIONS_PAGE_SIZE;
	const ranked = await rankSuggestions(
		deps.db,
		input.organizationId,
		{ kind: input.kind, province: input.province, sector: input.sector },
		{ offset, limit: SUGGESTIONS_PAGE_SIZE }
	);
	const cards = await findOrgCards(
		deps.db,
		ranked.items.map((i) => i.id)
	);
	const items: Suggestion[] = ranked.items.flatMap((i) => {
		const row = cards.get(i.id);
		return row ? [{ org: toCard(row), tier: i.tier, reasons: i.reasons }] : [];
	});
	return { items, page: input.page, hasMore: ranked.hasMore, hasListings: ranked.hasListings };
}

/** "Not relevant": decided for the whole organization, so by its owners and admins. */
export async function dismissSuggestion(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; targetId: string }
) {
	await requireOrgRole(deps.db, input.organizationId, userId, MANAGER_ROLES);
	if (input.targetId === input.organizationId)
		throw new AppError('BAD_REQUEST', 'match_error_self');
	const target = await findOrgById(deps.db, input.targetId);
	if (!target) throw new AppError('NOT_FOUND', 'error_not_found');
	await insertDismissal(deps.db, input.organizationId, input.targetId, userId);
	return { org: toCard(target) };
}

export async function undoDismissal(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; targetId: string }
) {
	await requireOrgRole(deps.db, input.organizationId, userId, MANAGER_ROLES);
	const restored = await deleteDismissal(deps.db, input.organizationId, input.targetId);
	const target = await findOrgById(deps.db, input.targetId);
	return { restored, org: target ? toCard(target) : null };
}

export const DISMISSALS_PAGE_SIZE = 20;

export async function listDismissed(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; page: number }
) {
	await requireOrgRole(deps.db, input.organizationId, userId);
	const rows = await listDismissals(
		deps.db,
		input.organizationId,
		(input.page - 1) * DISMISSALS_PAGE_SIZE,
		DISMISSALS_PAGE_SIZE
	);
	const page = rows.slice(0, DISMISSALS_PAGE_SIZE);
	const cards = await findOrgCards(
		deps.db,
		page.map((r) => r.id)
	);
	return {
		items: page.flatMap((r) => {
			const row = cards.get(r.id);
			return row ? [{ org: toCard(row), dismissedAt: r.created_at.toISOString() }] : [];
		}),
		page: input.page,
		hasMore: rows.length > DISMISSALS_PAGE_SIZE
	};
}
