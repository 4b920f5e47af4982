import type { AppDeps } from '$lib/server/deps';

export interface AuditFilters {
	action?: string;
	targetType?: string;
	targetId?: string;
	actorEmail?: string;
	from?: Date;
	to?: Date;
	page: number;
}

const PAGE = 50;

/** The audit log, newest first, filtered. Read-only: the table itself refuses updates and deletes. */
export async function listAudit(deps: AppDeps, f: AuditFilters) {
	const where: string[] = [];
	const params: unknown[] = [];
	const add = (sql: string, value: unknown) => {
		params.push(value);
		where.push(sql.replace('?', `$${params.length}`));
	};
	if (f.action) add('a.action = ?', f.action);
	if (f.targetType) add('a.target_type = ?', f.targetType);
	if (f.targetId) add('a.target_id = ?', f.targetId);
	if (f.actorEmail) add('u.email = lower(?)', f.actorEmail.trim());
	if (f.from) add('a.created_at >= ?', f.from);
	if (f.to) add('a.created_at < ?', f.to);
	params.push(PAGE, (f.page - 1) * PAGE);
	const { rows } = await deps.db.query<{
		id: number;
		action: string;
		target_type: string;
		target_id: string;
		reason: string | null;
		details: Record<string, unknown>;
		created_at: Date;
		actor_name: string | null;
		actor_email: string | null;
		total: number;
	}>(
		`SELECT a.id, a.action, a.target_type, a.target_id, a.reason, a.details, a.created_at,
			u.display_name AS actor_name, u.email AS actor_email, count(*) OVER ()::int AS total
		 FROM moderation_actions a LEFT JOIN users u ON u.id = a.actor_user_id
		 ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		 ORDER BY a.id DESC
		 LIMIT $${params.length - 1} OFFSET $${params.length}`,
		params
	);
	const actions = await deps.db.query<{ action: string }>(
		'SELECT DISTINCT action FROM moderation_actions ORDER BY action'
	);
	return {
		entries: rows,
		total: rows[0]?.total ?? 0,
		page: f.page,
		pageSize: PAGE,
		actions: actions.rows.map((r) => r.action)
	};
}
