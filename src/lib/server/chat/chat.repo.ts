import type { Db, Queryable } from '$lib/server/db/db';
import type { Locale } from '$lib/i18n/locales';
import type { ChatMessage } from '$lib/chat/types';

/** All SQL of the chat. Membership always goes through the view conversation_organizations. */

export interface MessageRow {
	id: number;
	seq: number;
	conversation_id: string;
	client_id: string;
	sender_user_id: string | null;
	sender_name: string | null;
	sender_org_id: string | null;
	body: string;
	created_at: Date;
	edited_at: Date | null;
	deleted_at: Date | null;
	hidden_at: Date | null;
}

export function toMessage(r: MessageRow): ChatMessage {
	const state = r.hidden_at ? 'hidden' : r.deleted_at ? 'deleted' : 'ok';
	return {
		id: r.id,
		seq: r.seq,
		conversationId: r.conversation_id,
		clientId: r.client_id,
		senderUserId: r.sender_user_id,
		senderName: r.sender_name,
		senderOrgId: r.sender_org_id,
		body: state === 'ok' ? r.body : null,
		state,
		createdAt: r.created_at.toISOString(),
		editedAt: r.edited_at?.toISOString() ?? null
	};
}

const MESSAGE_COLUMNS = `msg.id, msg.seq, msg.conversation_id, msg.client_id, msg.sender_user_id, msg.sender_org_id,
	msg.body, msg.created_at, msg.edited_at, msg.deleted_at, msg.hidden_at, u.display_name AS sender_name`;

/** An organization's name in the reader's language, else any language it has. */
const orgName = (alias: string, localeParam: string) =>
	`CASE ${localeParam} WHEN 'fr' THEN coalesce(${alias}.name_fr, ${alias}.name_ar, ${alias}.name_en)
		WHEN 'en' THEN coalesce(${alias}.name_en, ${alias}.name_fr, ${alias}.name_ar)
		ELSE coalesce(${alias}.name_ar, ${alias}.name_fr, ${alias}.name_en) END`;

export interface ParticipantRow {
	user_id: string;
	organization_id: string;
	display_name: string;
}

/** Every member of every organization taking part: who may read, and who receives. */
export async function listParticipants(db: Queryable, conversationId: string) {
	const { rows } = await db.query<ParticipantRow>(
		`SELECT om.user_id, om.organization_id, u.display_name
		 FROM conversation_organizations co
		 JOIN organization_members om ON om.organization_id = co.organization_id
		 JOIN users u ON u.id = om.user_id
		 WHERE co.conversation_id = $1
		 ORDER BY om.organization_id, om.user_id`,
		[conversationId]
	);
	return rows;
}

export interface AccessRow {
	kind: 'direct' | 'cluster';
	organization_id: string;
	/** False for a suspended account: its sockets are being dropped; refuse in the meantime. */
	active: boolean;
	/** Direct conversations need the connection to still be accepted to send. */
	can_send: boolean;
}

/** The user's organizations in this conversation (none: not a member). */
export async function findAccess(db: Queryable, conversationId: string, userId: string) {
	const { rows } = await db.query<AccessRow>(
		`SELECT c.kind, co.organization_id,
			(u.status = 'active' OR u.suspended_until <= now()) AS active,
			(c.kind <> 'direct' OR EXISTS (
				SELECT 1 FROM connections k WHERE k.status = 'accepted'
				AND least(k.from_org_id, k.to_org_id) = c.org_a_id
				AND greatest(k.from_org_id, k.to_org_id) = c.org_b_id)) AS can_send
		 FROM conversations c
		 JOIN conversation_organizations co ON co.conversation_id = c.id
		 JOIN organization_members om ON om.organization_id = co.organization_id AND om.user_id = $2
		 JOIN users u ON u.id = om.user_id
		 WHERE c.id = $1
		 ORDER BY co.organization_id`,
		[conversationId, userId]
	);
	return rows;
}

export interface SendOutcome extends Partial<MessageRow> {
	/** The user's organization in the conversation (null: not a member). */
	org_id: string | null;
	active: boolean | null;
	can_send: boolean | null;
	existing_id: number | null;
	recent: number;
	/** Everyone to tell, when the message was stored. */
	recipients: string[] | null;
}

/**
 * A send in one statement (one round trip, its own transaction): checks membership, account,
 * connection, an earlier message with this client id and the sender's last second; then takes
 * the conversation row's lock by bumping its seq, and only then draws the message id, so within
 * a conversation id order is commit order. When nothing is stored, the flags say why. A racing
 * duplicate client id fails the whole statement on the unique index (nothing half-done).
 */
export async function sendInOneStatement(
	db: Pick<Db, 'pool'>,
	input: { conversationId: string; userId: string; clientId: string; body: string },
	maxPerSecond: number
) {
	// A named statement: parsed once per connection and its plan reused, on the hottest path.
	const { rows } = await db.pool.query<SendOutcome>({
		name: 'chat_send_message',
		text: `WITH gate AS (
			SELECT
				(SELECT co.organization_id FROM conversation_organizations co
					JOIN organization_members om ON om.organization_id = co.organization_id AND om.user_id = $2
					WHERE co.conversation_id = $1 ORDER BY co.organization_id LIMIT 1) AS org_id,
				(SELECT u.status = 'active' OR u.suspended_until <= now() FROM users u WHERE u.id = $2) AS active,
				(SELECT c.kind <> 'direct' OR EXISTS (
					SELECT 1 FROM connections k WHERE k.status = 'accepted'
					AND least(k.from_org_id, k.to_org_id) = c.org_a_id
					AND greatest(k.from_org_id, k.to_org_id) = c.org_b_id)
				 FROM conversations c WHERE c.id = $1) AS can_send,
				(SELECT id FROM messages WHERE sender_user_id = $2 AND client_id = $3) AS existing_id,
				(SELECT count(*)::int FROM messages WHERE sender_user_id = $2
					AND created_at > now() - interval '1 second') AS recent
		), conv AS (
			UPDATE conversations c SET last_seq = c.last_seq + 1, last_message_at = now()
			FROM gate
			WHERE c.id = $1 AND gate.org_id IS NOT NULL AND gate.active AND gate.can_send
				AND gate.existing_id IS NULL AND gate.recent < $5
			RETURNING c.last_seq, gate.org_id
		), ins AS (
			INSERT INTO messages (conversation_id, seq, sender_user_id, sender_org_id, client_id, body)
			SELECT $1, conv.last_seq, $2, conv.org_id, $3, $4 FROM conv
			RETURNING *
		), active_org AS (
			UPDATE organizations SET last_active_at = now()
			WHERE id = (SELECT org_id FROM conv) AND last_active_at < now() - interval '1 hour'
		)
		SELECT gate.org_id, gate.active, gate.can_send, gate.existing_id, gate.recent,
			ins.id, ins.seq, ins.conversation_id, ins.client_id, ins.sender_user_id, ins.sender_org_id,
			ins.body, ins.created_at, ins.edited_at, ins.deleted_at, ins.hidden_at,
			(SELECT display_name FROM users WHERE id = $2) AS sender_name,
			CASE WHEN ins.id IS NOT NULL THEN (
				SELECT array_agg(DISTINCT om.user_id) FROM conversation_organizations co
				JOIN organization_members om ON om.organization_id = co.organization_id
				WHERE co.conversation_id = $1) END AS recipients
		FROM gate LEFT JOIN ins ON true`,
		values: [input.conversationId, input.userId, input.clientId, input.body, maxPerSecond]
	});
	return rows[0];
}

export async function getMessage(db: Queryable, id: number) {
	const { rows } = await db.query<MessageRow>(
		`SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.sender_user_id
		 WHERE msg.id = $1`,
		[id]
	);
	return rows[0] ?? null;
}

/** Catch-up: everything after `afterId`, oldest first. */
export async function listAfter(
	db: Queryable,
	conversationId: string,
	afterId: number,
	limit: number
) {
	const { rows } = await db.query<MessageRow>(
		`SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.sender_user_id
		 WHERE msg.conversation_id = $1 AND msg.id > $2 ORDER BY msg.id LIMIT $3`,
		[conversationId, afterId, limit]
	);
	return rows;
}

/** History: the page before `beforeId` (or the newest), returned oldest first. */
export async function listBefore(
	db: Queryable,
	conversationId: string,
	beforeId: number | null,
	limit: number
) {
	const { rows } = await db.query<MessageRow>(
		`SELECT * FROM (
			SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.sender_user_id
			WHERE msg.conversation_id = $1 AND ($2::bigint IS NULL OR msg.id < $2)
			ORDER BY msg.id DESC LIMIT $3
		) page ORDER BY id`,
		[conversationId, beforeId, limit]
	);
	return rows;
}

const CHANGES = {
	edit: `UPDATE messages SET body = $2, edited_at = now() WHERE id = $1`,
	delete: `UPDATE messages SET deleted_at = coalesce(deleted_at, now()) WHERE id = $1`,
	hide: `UPDATE messages SET hidden_at = coalesce(hidden_at, now()), hidden_by = coalesce(hidden_by, $2::uuid)
		WHERE id = $1`
};

/** Edit (params: body), delete, or hide (params: staff id); returns the message as it now is. */
export async function changeMessage(
	db: Queryable,
	id: number,
	change: keyof typeof CHANGES,
	param?: string
) {
	await db.query(CHANGES[change], change === 'delete' ? [id] : [id, param]);
	return (await getMessage(db, id))!;
}

/** Moves the marker forward only (an old tab must not mark newer messages unread again). */
export async function advanceReadMarker(
	db: Queryable,
	conversationId: string,
	userId: string,
	messageId: number
) {
	const { rows } = await db.query<{ last_read_message_id: number }>(
		`INSERT INTO conversation_read_markers (conversation_id, user_id, last_read_message_id)
		 VALUES ($1, $2, (SELECT coalesce(max(id), 0) FROM messages WHERE conversation_id = $1 AND id <= $3))
		 ON CONFLICT (conversation_id, user_id) DO UPDATE
		 SET last_read_message_id = greatest(conversation_read_markers.last_read_message_id, excluded.last_read_message_id),
			updated_at = now()
		 RETURNING last_read_message_id`,
		[conversationId, userId, messageId]
	);
	return rows[0].last_read_message_id;
}

const UNREAD = `(SELECT count(*)::int FROM messages msg WHERE msg.conversation_id = c.id
	AND msg.id > coalesce(r.last_read_message_id, 0) AND msg.sender_user_id IS DISTINCT FROM $1
	AND msg.deleted_at IS NULL AND msg.hidden_at IS NULL)`;

/** The conversations of every organization the user belongs to, with one row each. */
const MY_CONVERSATIONS = `SELECT DISTINCT ON (co.conversation_id) co.conversation_id, co.organization_id
	FROM conversation_organizations co
	JOIN organization_members om ON om.organization_id = co.organization_id AND om.user_id = $1
	ORDER BY co.conversation_id, co.organization_id`;

export async function countUnreadTotal(db: Queryable, userId: string) {
	const { rows } = await db.query<{ n: number }>(
		`SELECT coalesce(sum(${UNREAD}), 0)::int AS n FROM (${MY_CONVERSATIONS}) my
		 JOIN conversations c ON c.id = my.conversation_id
		 LEFT JOIN conversation_read_markers r ON r.conversation_id = c.id AND r.user_id = $1`,
		[userId]
	);
	return rows[0].n;
}

export interface InboxRow {
	id: string;
	kind: 'direct' | 'cluster';
	cluster_id: string | null;
	my_org_id: string;
	my_org_name: string | null;
	other_org_id: string | null;
	other_org_name: string | null;
	other_org_slug: string | null;
	sort_at: Date;
	unread: number;
	last_id: number | null;
	last_body: string | null;
	last_sender_user_id: string | null;
	last_sender_name: string | null;
	last_created_at: Date | null;
	last_deleted_at: Date | null;
	last_hidden_at: Date | null;
	cluster_slug: string | null;
	cluster_name: string | null;
}

export async function listInbox(
	db: Queryable,
	userId: string,
	locale: Locale,
	limit: number,
	cursor: { at: string; id: string } | null
) {
	const { rows } = await db.query<InboxRow>(
		`SELECT * FROM (
			SELECT c.id, c.kind, c.cluster_id, my.organization_id AS my_org_id, ${orgName('mo', '$2')} AS my_org_name,
				o.id AS other_org_id, ${orgName('o', '$2')} AS other_org_name, o.slug AS other_org_slug,
				cl.slug AS cluster_slug, ${orgName('cl', '$2')} AS cluster_name,
				coalesce(c.last_message_at, c.created_at) AS sort_at, ${UNREAD} AS unread,
				lm.id AS last_id, lm.body AS last_body, lm.sender_user_id AS last_sender_user_id,
				lu.display_name AS last_sender_name, lm.created_at AS last_created_at,
				lm.deleted_at AS last_deleted_at, lm.hidden_at AS last_hidden_at
			FROM (${MY_CONVERSATIONS}) my
			JOIN conversations c ON c.id = my.conversation_id
			JOIN organizations mo ON mo.id = my.organization_id
			LEFT JOIN organizations o ON c.kind = 'direct'
				AND o.id = CASE WHEN c.org_a_id = my.organization_id THEN c.org_b_id ELSE c.org_a_id END
			LEFT JOIN clusters cl ON cl.id = c.cluster_id
			LEFT JOIN messages lm ON lm.conversation_id = c.id AND lm.seq = c.last_seq
			LEFT JOIN users lu ON lu.id = lm.sender_user_id
			LEFT JOIN conversation_read_markers r ON r.conversation_id = c.id AND r.user_id = $1
		) x
		WHERE $4::timestamptz IS NULL OR (x.sort_at, x.id) < ($4::timestamptz, $5::uuid)
		ORDER BY x.sort_at DESC, x.id DESC LIMIT $3`,
		[userId, locale, limit, cursor?.at ?? null, cursor?.id ?? null]
	);
	return rows;
}

export interface ConversationRow {
	id: string;
	kind: 'direct' | 'cluster';
	cluster_id: string | null;
	org_a_id: string | null;
	org_b_id: string | null;
	last_seq: number;
	cluster_slug: string | null;
	cluster_name_ar: string | null;
	cluster_name_fr: string | null;
	cluster_name_en: string | null;
}

export async function getConversation(db: Queryable, id: string) {
	const { rows } = await db.query<ConversationRow>(
		`SELECT c.id, c.kind, c.cluster_id, c.org_a_id, c.org_b_id, c.last_seq, cl.slug AS cluster_slug,
			cl.name_ar AS cluster_name_ar, cl.name_fr AS cluster_name_fr, cl.name_en AS cluster_name_en
		 FROM conversations c LEFT JOIN clusters cl ON cl.id = c.cluster_id WHERE c.id = $1`,
		[id]
	);
	return rows[0] ?? null;
}

export async function listConversationOrgs(db: Queryable, conversationId: string, locale: Locale) {
	const { rows } = await db.query<{ id: string; slug: string; name: string | null }>(
		`SELECT o.id, o.slug, ${orgName('o', '$2')} AS name
		 FROM conversation_organizations co JOIN organizations o ON o.id = co.organization_id
		 WHERE co.conversation_id = $1 ORDER BY o.id`,
		[conversationId, locale]
	);
	return rows;
}

/** Idempotent: the pair's one direct conversation, made on first use. */
export async function upsertDirect(db: Queryable, orgX: string, orgY: string, userId: string) {
	const [a, b] = orgX < orgY ? [orgX, orgY] : [orgY, orgX];
	const { rows } = await db.query<{ id: string }>(
		`WITH ins AS (
			INSERT INTO conversations (kind, org_a_id, org_b_id, created_by) VALUES ('direct', $1, $2, $3)
			ON CONFLICT (org_a_id, org_b_id) WHERE kind = 'direct' DO NOTHING RETURNING id
		)
		SELECT id FROM ins UNION ALL
		SELECT id FROM conversations WHERE kind = 'direct' AND org_a_id = $1 AND org_b_id = $2`,
		[a, b, userId]
	);
	return rows[0].id;
}

export async function findDirect(db: Queryable, orgX: string, orgY: string) {
	const [a, b] = orgX < orgY ? [orgX, orgY] : [orgY, orgX];
	const { rows } = await db.query<{ id: string }>(
		`SELECT id FROM conversations WHERE kind = 'direct' AND org_a_id = $1 AND org_b_id = $2`,
		[a, b]
	);
	return rows[0]?.id ?? null;
}

/** My organizations with an accepted connection to `targetOrgId`, and whether I belong to it. */
export async function findConnectedOrgs(db: Queryable, userId: string, targetOrgId: string) {
	const { rows } = await db.query<{ organization_id: string; connected: boolean }>(
		`SELECT om.organization_id, EXISTS (
			SELECT 1 FROM connections k WHERE k.status = 'accepted'
			AND least(k.from_org_id, k.to_org_id) = least(om.organization_id, $2::uuid)
			AND greatest(k.from_org_id, k.to_org_id) = greatest(om.organization_id, $2::uuid)) AS connected
		 FROM organization_members om WHERE om.user_id = $1 ORDER BY om.organization_id`,
		[userId, targetOrgId]
	);
	return rows;
}

/**
 * The organization exists for this viewer: published (a draft or hidden one is a 404 for anyone
 * outside it, as on its profile page), one of the viewer's own, or any for staff.
 */
export async function organizationVisibleTo(
	db: Queryable,
	id: string,
	viewer: { userId: string | null; staff: boolean }
) {
	const { rowCount } = await db.query(
		`SELECT 1 FROM organizations o
		  WHERE o.id = $1
		    AND ($3::boolean OR o.status = 'published'
		         OR EXISTS (SELECT 1 FROM organization_members m
		                     WHERE m.organization_id = o.id AND m.user_id = $2))`,
		[id, viewer.userId, viewer.staff]
	);
	return (rowCount ?? 0) > 0;
}

/** The ids of the conversations the user takes part in (presence fan-out). */
export async function listConversationIdsOfUser(db: Queryable, userId: string, limit = 500) {
	const { rows } = await db.query<{ conversation_id: string }>(`${MY_CONVERSATIONS} LIMIT $2`, [
		userId,
		limit
	]);
	return rows.map((r) => r.conversation_id);
}

export async function insertMessageReport(
	db: Queryable,
	r: { reporterId: string; messageId: number; reason: string; details: string | null }
) {
	const { rows } = await db.query<{ id: number }>(
		`INSERT INTO reports (reporter_user_id, target_type, target_id, reason, details)
		 SELECT $1, 'message', $2, $3, $4
		 WHERE NOT EXISTS (SELECT 1 FROM reports WHERE reporter_user_id = $1 AND target_type = 'message'
			AND target_id = $2 AND status = 'open')
		 RETURNING id`,
		[r.reporterId, String(r.messageId), r.reason, r.details]
	);
	return rows[0]?.id ?? null;
}

/** Reports about a message that staff just hid are settled by that action. */
export async function closeMessageReports(db: Queryable, messageId: number, staffId: string) {
	await db.query(
		`UPDATE reports SET status = 'actioned', outcome = 'message_hidden', resolved_by = $2, resolved_at = now()
		 WHERE target_type = 'message' AND target_id = $1 AND status = 'open'`,
		[String(messageId), staffId]
	);
}
