import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { AppError } from '$lib/server/errors';
import {
	MANAGER_ROLES,
	getOrgRole,
	listOrgManagers,
	requireOrgRole
} from '$lib/server/organizations/membership';
import {
	insertNotifications,
	pushNotifications
} from '$lib/server/notifications/notifications.service';
import { findOrgById, findOrgCards, type OrgRow } from '$lib/server/matching/org-cards.repo';
import { toCard } from '$lib/server/matching/matching.service';
import type { OrgCard } from '$lib/matching/org-card';
import {
	answerConnection,
	countBoxes,
	countRecentRequests,
	findConnection,
	findOpenBetween,
	insertConnection,
	listConnections,
	lockRequestsOf,
	type ConnectionRow
} from './connections.repo';
import { CONNECTIONS_PAGE_SIZE, DAILY_REQUEST_LIMIT, type Box } from './connections.schema';

export interface ConnectionView {
	id: string;
	status: ConnectionRow['status'];
	direction: 'sent' | 'received';
	message: string | null;
	createdAt: string;
	respondedAt: string | null;
	other: OrgCard;
}

const orgRef = (o: OrgRow) => ({ id: o.id, slug: o.slug, names: o.names });

/** A request from an organization that is not public, or to one, goes nowhere. */
const reachable = (o: OrgRow | null): o is OrgRow =>
	!!o && o.status === 'published' && !o.suspended;

export async function requestConnection(
	deps: AppDeps,
	userId: string,
	input: { fromOrgId: string; toOrgId: string; message: string | null }
): Promise<ConnectionView> {
	await requireOrgRole(deps.db, input.fromOrgId, userId, MANAGER_ROLES);
	if (input.fromOrgId === input.toOrgId) throw new AppError('BAD_REQUEST', 'match_error_self');
	const [from, to] = await Promise.all([
		findOrgById(deps.db, input.fromOrgId),
		findOrgById(deps.db, input.toOrgId)
	]);
	if (!reachable(to)) throw new AppError('NOT_FOUND', 'error_not_found');
	if (!reachable(from)) throw new AppError('FORBIDDEN', 'match_error_not_published');

	const { row, notifications } = await deps.db.tx(async (client) => {
		await lockRequestsOf(client, from.id);
		await refuseIfOpen(client, from.id, to.id);
		const recent = await countRecentRequests(client, from.id);
		if (recent.count >= DAILY_REQUEST_LIMIT) {
			const retryAfter = Math.max(
				60,
				Math.ceil((recent.oldest!.getTime() + 24 * 3600_000 - Date.now()) / 1000)
			);
			throw new AppError('TOO_MANY_REQUESTS', 'match_error_daily_limit', {
				params: {
					limit: DAILY_REQUEST_LIMIT,
					hours: Math.floor(retryAfter / 3600),
					minutes: Math.ceil((retryAfter % 3600) / 60)
				},
				retryAfter
			});
		}
		const row = await insertConnection(client, { ...input, userId }).catch((err) => {
			// The open-pair index: the other side asked at the very same moment.
			if ((err as { code?: string }).code === '23505')
				throw new AppError('CONFLICT', 'match_error_already_pending');
			throw err;
		});
		const notifications = await insertNotifications(client, await listOrgManagers(client, to.id), {
			kind: 'connection.requested',
			payload: { connectionId: row.id, fromOrg: orgRef(from), toOrg: orgRef(to) }
		});
		return { row, notifications };
	});
	pushNotifications(deps.realtime, notifications);
	return view(row, from.id, toCard(to));
}

async function refuseIfOpen(db: Queryable, fromId: string, toId: string) {
	const open = await findOpenBetween(db, fromId, toId);
	if (!open) return;
	if (open.status === 'accepted') throw new AppError('CONFLICT', 'match_error_already_connected');
	if (open.from_org_id === fromId) throw new AppError('CONFLICT', 'match_error_already_pending');
	throw new AppError('CONFLICT', 'match_error_they_asked_first');
}

type Answer = 'accepted' | 'declined' | 'withdrawn';

/**
 * Accept and decline belong to the receiving side, withdraw to the sending side; in both cases to
 * its owners and admins. A member of the other side may see the connection but not act for it.
 */
export async function answerRequest(
	deps: AppDeps,
	userId: string,
	connectionId: string,
	answer: Answer
): Promise<ConnectionView> {
	const c = await findConnection(deps.db, connectionId);
	if (!c) throw new AppError('NOT_FOUND', 'error_not_found');
	const [actingSide, otherSide] =
		answer === 'withdrawn' ? [c.from_org_id, c.to_org_id] : [c.to_org_id, c.from_org_id];
	const role = await getOrgRole(deps.db, actingSide, userId);
	if (!role) {
		if (await getOrgRole(deps.db, otherSide, userId))
			throw new AppError('FORBIDDEN', 'error_forbidden');
		throw new AppError('NOT_FOUND', 'error_not_found');
	}
	if (!MANAGER_ROLES.includes(role)) throw new AppError('FORBIDDEN', 'error_forbidden');

	const { row, notifications } = await deps.db.tx(async (client) => {
		const row = await answerConnection(client, c.id, answer, userId);
		if (!row) throw new AppError('CONFLICT', 'match_error_not_pending');
		if (answer === 'withdrawn') return { row, notifications: [] };
		const cards = await findOrgCards(client, [row.from_org_id, row.to_org_id]);
		const notifications = await insertNotifications(
			client,
			await listOrgManagers(client, row.from_org_id),
			{
				kind: answer === 'accepted' ? 'connection.accepted' : 'connection.declined',
				payload: {
					connectionId: row.id,
					fromOrg: orgRef(cards.get(row.from_org_id)!),
					toOrg: orgRef(cards.get(row.to_org_id)!)
				}
			}
		);
		return { row, notifications };
	});
	pushNotifications(deps.realtime, notifications);
	const other = await findOrgById(deps.db, otherSide);
	return view(row, actingSide, toCard(other!));
}

function view(row: ConnectionRow, myOrgId: string, other: OrgCard): ConnectionView {
	return {
		id: row.id,
		status: row.status,
		direction: row.from_org_id === myOrgId ? 'sent' : 'received',
		message: row.message,
		createdAt: row.created_at.toISOString(),
		respondedAt: row.responded_at?.toISOString() ?? null,
		other
	};
}

/** Both sides see the whole history; members see it, only owners and admins act on it. */
export async function listOrgConnections(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; box: Box; page: number }
) {
	const role = await requireOrgRole(deps.db, input.organizationId, userId);
	const rows = await listConnections(
		deps.db,
		input.organizationId,
		input.box,
		(input.page - 1) * CONNECTIONS_PAGE_SIZE,
		CONNECTIONS_PAGE_SIZE
	);
	const page = rows.slice(0, CONNECTIONS_PAGE_SIZE);
	const otherId = (r: ConnectionRow) =>
		r.from_org_id === input.organizationId ? r.to_org_id : r.from_org_id;
	const cards = await findOrgCards(deps.db, page.map(otherId));
	return {
		items: page.flatMap((r) => {
			const other = cards.get(otherId(r));
			return other ? [view(r, input.organizationId, toCard(other))] : [];
		}),
		counts: await countBoxes(deps.db, input.organizationId),
		canAct: MANAGER_ROLES.includes(role),
		page: input.page,
		hasMore: rows.length > CONNECTIONS_PAGE_SIZE
	};
}

/** The open connection between one of my organizations and another, for "request" buttons. */
export async function connectionBetween(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; otherOrgId: string }
): Promise<ConnectionView | null> {
	await requireOrgRole(deps.db, input.organizationId, userId);
	const open = await findOpenBetween(deps.db, input.organizationId, input.otherOrgId);
	if (!open) return null;
	const other = await findOrgById(deps.db, input.otherOrgId);
	return other ? view(open, input.organizationId, toCard(other)) : null;
}

/**
 * For the chat domain: two organizations may talk directly once a connection between them is
 * accepted. Nothing more is promised.
 */
export async function areConnected(db: Queryable, a: string, b: string): Promise<boolean> {
	const open = await findOpenBetween(db, a, b);
	return open?.status === 'accepted';
}
