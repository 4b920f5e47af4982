import type { AppDeps } from '$lib/server/deps';
import { AppError } from '$lib/server/errors';
import type { Locale } from '$lib/i18n/locales';
import type { MessageState } from '$lib/chat/types';
import * as repo from './chat.repo';
import { requireMember } from './chat.service';

/** Conversations: the inbox, one conversation's header, and opening a direct one. */

export interface InboxItem {
	id: string;
	kind: 'direct' | 'cluster';
	clusterId: string | null;
	myOrg: { id: string; name: string | null };
	otherOrg: { id: string; name: string | null; slug: string } | null;
	/** For a cluster channel: the cluster, named in the reader's language. */
	cluster: { id: string; name: string | null; slug: string } | null;
	unread: number;
	sortAt: string;
	lastMessage: {
		id: number;
		body: string | null;
		state: MessageState;
		senderName: string | null;
		mine: boolean;
		createdAt: string;
	} | null;
}

export async function listInbox(
	deps: AppDeps,
	userId: string,
	locale: Locale,
	input: { limit: number; cursor?: { at: string; id: string } }
) {
	const rows = await repo.listInbox(deps.db, userId, locale, input.limit + 1, input.cursor ?? null);
	const items: InboxItem[] = rows.slice(0, input.limit).map((r) => {
		const state: MessageState = r.last_hidden_at ? 'hidden' : r.last_deleted_at ? 'deleted' : 'ok';
		return {
			id: r.id,
			kind: r.kind,
			clusterId: r.cluster_id,
			myOrg: { id: r.my_org_id, name: r.my_org_name },
			otherOrg: r.other_org_id
				? { id: r.other_org_id, name: r.other_org_name, slug: r.other_org_slug! }
				: null,
			cluster: r.cluster_id
				? { id: r.cluster_id, name: r.cluster_name, slug: r.cluster_slug! }
				: null,
			unread: r.unread,
			sortAt: r.sort_at.toISOString(),
			lastMessage: r.last_id
				? {
						id: r.last_id,
						body: state === 'ok' ? r.last_body!.slice(0, 140) : null,
						state,
						senderName: r.last_sender_name,
						mine: r.last_sender_user_id === userId,
						createdAt: r.last_created_at!.toISOString()
					}
				: null
		};
	});
	const last = items[items.length - 1];
	return {
		items,
		nextCursor: rows.length > input.limit && last ? { at: last.sortAt, id: last.id } : null
	};
}

export async function getConversationView(
	deps: AppDeps,
	userId: string,
	conversationId: string,
	locale: Locale
) {
	const access = await requireMember(deps.db, conversationId, userId);
	const conv = (await repo.getConversation(deps.db, conversationId))!;
	const orgs = await repo.listConversationOrgs(deps.db, conversationId, locale);
	const participants = await repo.listParticipants(deps.db, conversationId);
	return {
		id: conv.id,
		kind: conv.kind,
		clusterId: conv.cluster_id,
		cluster: conv.cluster_id
			? {
					slug: conv.cluster_slug!,
					names: { ar: conv.cluster_name_ar, fr: conv.cluster_name_fr, en: conv.cluster_name_en }
				}
			: null,
		canSend: access.canSend,
		myOrgId: access.orgIds[0],
		orgs: orgs.map((o) => ({ ...o, mine: access.orgIds.includes(o.id) })),
		members: participants.map((p) => ({
			userId: p.user_id,
			name: p.display_name,
			organizationId: p.organization_id
		}))
	};
}

export type DirectStatus =
	| { state: 'signed-out' | 'own' | 'no-organization' | 'not-connected' }
	| { state: 'connected'; conversationId: string | null };

/** What a "send a message" button on a profile can do for this user. */
export async function getDirectStatus(
	deps: AppDeps,
	userId: string | null,
	targetOrgId: string,
	opts: { staff?: boolean } = {}
): Promise<DirectStatus> {
	if (!(await repo.organizationVisibleTo(deps.db, targetOrgId, { userId, staff: !!opts.staff })))
		throw new AppError('NOT_FOUND', 'chat_error_not_found');
	if (!userId) return { state: 'signed-out' };
	const mine = await repo.findConnectedOrgs(deps.db, userId, targetOrgId);
	if (mine.some((o) => o.organization_id === targetOrgId)) return { state: 'own' };
	if (!mine.length) return { state: 'no-organization' };
	const connected = mine.find((o) => o.connected);
	if (!connected) return { state: 'not-connected' };
	return {
		state: 'connected',
		conversationId: await repo.findDirect(deps.db, connected.organization_id, targetOrgId)
	};
}

/** Opens (or finds) the direct conversation; only between organizations with an accepted connection. */
export async function openDirect(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; fromOrganizationId?: string }
) {
	const status = await getDirectStatus(deps, userId, input.organizationId);
	if (status.state === 'own') throw new AppError('BAD_REQUEST', 'chat_error_own_org');
	if (status.state !== 'connected') throw new AppError('FORBIDDEN', 'chat_error_not_connected');
	const mine = await repo.findConnectedOrgs(deps.db, userId, input.organizationId);
	const from = input.fromOrganizationId
		? mine.find((o) => o.organization_id === input.fromOrganizationId && o.connected)
		: mine.find((o) => o.connected);
	if (!from) throw new AppError('FORBIDDEN', 'chat_error_not_connected');
	const id = await repo.upsertDirect(deps.db, from.organization_id, input.organizationId, userId);
	return { conversationId: id };
}
