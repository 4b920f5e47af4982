import type { User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import { AppError, notFound } from '$lib/server/errors';
import { appendAudit } from '$lib/server/moderation/audit';

/** Admins grant and revoke the staff role (admins themselves are made with `npm run user:create`). */
export async function setStaffRole(
	deps: AppDeps,
	admin: User,
	targetEmail: string,
	grant: boolean
) {
	if (admin.role !== 'admin') throw new AppError('FORBIDDEN', 'error_forbidden');
	await deps.db.tx(async (client) => {
		const { rows } = await client.query<{ id: string; role: string }>(
			'SELECT id, role FROM users WHERE email = $1 FOR UPDATE',
			[targetEmail.trim().toLowerCase()]
		);
		const target = rows[0];
		if (!target) throw notFound();
		if (target.role === 'admin') throw new AppError('CONFLICT', 'staff_error_target_is_admin');
		const next = grant ? 'staff' : 'member';
		if (target.role === next) return;
		await client.query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [
			target.id,
			next
		]);
		await appendAudit(client, {
			actorUserId: admin.id,
			action: grant ? 'user.grant_staff' : 'user.revoke_staff',
			targetType: 'user',
			targetId: target.id
		});
	});
}

export async function listStaff(deps: AppDeps) {
	const { rows } = await deps.db.query<{
		id: string;
		email: string;
		display_name: string;
		role: string;
		created_at: Date;
	}>(
		`SELECT id, email, display_name, role, created_at FROM users WHERE role IN ('staff', 'admin') ORDER BY role, display_name`
	);
	return rows;
}
