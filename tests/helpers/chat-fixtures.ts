import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../../src/lib/server/db/db';
import type { ChatMessage } from '../../src/lib/chat/types';
import type { Ack } from '../../src/lib/realtime/events';

/**
 * Chat test data straight into the database: organizations, members, an accepted connection.
 * (The organizations and matching issues own the real flows; chat only needs their rows.)
 */
export async function makeOrg(db: Queryable, members: { id: string }[], name = 'Coop') {
	const slug = `org-${randomBytes(5).toString('hex')}`;
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO organizations (kind, slug, name_ar, name_fr, status, province)
		 VALUES ('cooperative', $1, $2, $2, 'published', 'oujda_angad') RETURNING id`,
		[slug, name]
	);
	for (const [i, m] of members.entries()) {
		await db.query(
			`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)`,
			[rows[0].id, m.id, i === 0 ? 'owner' : 'member']
		);
	}
	return rows[0].id;
}

export async function connectOrgs(
	db: Queryable,
	a: string,
	b: string,
	status: 'accepted' | 'pending' = 'accepted'
) {
	await db.query(
		`INSERT INTO connections (from_org_id, to_org_id, status, responded_at)
		 VALUES ($1, $2, $3, CASE WHEN $3 = 'accepted' THEN now() END)`,
		[a, b, status]
	);
}

/** The data of an acknowledgement, or a thrown error carrying its code. */
export function unwrap<T>(ack: Ack<T>): T {
	if ('error' in ack) throw Object.assign(new Error(ack.error.message), ack.error);
	return ack.data;
}

export const newClientId = () => randomUUID();

export function bodies(list: readonly ChatMessage[]) {
	return list.map((m) => m.body);
}
