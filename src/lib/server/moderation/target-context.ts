import type { Queryable } from '$lib/server/db/db';
import type { TargetType } from './reports.repo';
import { isUuid } from '$lib/server/input/input-guard';

export interface ContextMessage {
	id: number;
	body: string;
	created_at: Date;
	sender_name: string | null;
	sender_user_id: string | null;
	sender_org_slug: string | null;
	hidden_at: Date | null;
	deleted_at: Date | null;
	is_target: boolean;
}

/**
 * What staff see of a reported target, so they judge with the context: an organization's or a
 * cluster's profile summary, a person's account, or a message with the messages around it.
 */
export async function describeTarget(
	db: Queryable,
	type: TargetType,
	id: string,
	opts: { around: number }
) {
	const uuid = isUuid(id);
	if (type === 'organization' && uuid) {
		const { rows } = await db.query(
			`SELECT o.id, o.slug, o.kind, o.name_ar, o.name_fr, o.name_en, o.description_ar, o.description_fr, o.description_en,
				o.status, o.suspended_until, o.suspended_reason, o.verified_at, o.province, o.country, o.created_at,
				(SELECT count(*)::int FROM organization_members m WHERE m.organization_id = o.id) AS member_accounts
			 FROM organizations o WHERE o.id = $1`,
			[id]
		);
		return rows[0] ? { type, organization: rows[0] } : null;
	}
	if (type === 'cluster' && uuid) {
		const { rows } = await db.query(
			`SELECT c.id, c.slug, c.name_ar, c.name_fr, c.name_en, c.purpose_ar, c.purpose_fr, c.purpose_en, c.status, c.created_at
			 FROM clusters c WHERE c.id = $1`,
			[id]
		);
		return rows[0] ? { type, cluster: rows[0] } : null;
	}
	if (type === 'user' && uuid) {
		const { rows } = await db.query(
			`SELECT id, display_name, email, role, status, suspended_until, suspended_reason, created_at FROM users WHERE id = $1`,
			[id]
		);
		return rows[0] ? { type, user: rows[0] } : null;
	}
	if (type === 'message' && /^\d+$/.test(id)) {
		const target = await db.query<{ conversation_id: string; seq: number }>(
			'SELECT conversation_id, seq FROM messages WHERE id = $1',
			[id]
		);
		if (!target.rows[0]) return null;
		const { conversation_id, seq } = target.rows[0];
		const { rows } = await db.query<ContextMessage>(
			`SELECT m.id, m.body, m.created_at, u.display_name AS sender_name, m.sender_user_id, o.slug AS sender_org_slug,
				m.hidden_at, m.deleted_at, m.id = $3::bigint AS is_target
			 FROM messages m LEFT JOIN users u ON u.id = m.sender_user_id LEFT JOIN organizations o ON o.id = m.sender_org_id
			 WHERE m.conversation_id = $1 AND m.seq BETWEEN $2::bigint - $4::int AND $2::bigint + $4::int
			 ORDER BY m.seq`,
			[conversation_id, seq, Number(id), opts.around]
		);
		return { type, conversationId: conversation_id, messages: rows };
	}
	return null;
}
