import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/db';

export interface BenchUser {
	id: string;
	cookie: string;
	conversationId: string;
}

/**
 * Rooms of `roomSize` members: pairs of organizations of roomSize/2 members each, connected, with
 * their direct conversation. Rows straight into the database (no argon2 per user: nobody signs in
 * with a password here) and one session per user, so sockets present a real session cookie.
 */
export async function seedBench(db: Db, users: number, roomSize: number, cookieName: string) {
	const half = roomSize / 2;
	const out: BenchUser[] = [];
	const tag = randomBytes(3).toString('hex');
	for (let room = 0; room < users / roomSize; room++) {
		await db.tx(async (c) => {
			const orgs: string[] = [];
			const members: string[][] = [];
			for (let side = 0; side < 2; side++) {
				const { rows } = await c.query<{ id: string }>(
					`INSERT INTO organizations (kind, slug, name_fr, status) VALUES ('cooperative', $1, $2, 'published') RETURNING id`,
					[`bench-${tag}-${room}-${side}`, `Bench ${room}/${side}`]
				);
				orgs.push(rows[0].id);
				const ids: string[] = [];
				for (let i = 0; i < half; i++) {
					const u = await c.query<{ id: string }>(
						`INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', $2) RETURNING id`,
						[`bench-${tag}-${room}-${side}-${i}@bench.test`, `U${room}.${side}.${i}`]
					);
					ids.push(u.rows[0].id);
					await c.query(
						`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)`,
						[rows[0].id, u.rows[0].id, i === 0 ? 'owner' : 'member']
					);
				}
				members.push(ids);
			}
			await c.query(
				`INSERT INTO connections (from_org_id, to_org_id, status) VALUES ($1, $2, 'accepted')`,
				orgs
			);
			const [a, b] = orgs[0] < orgs[1] ? orgs : [orgs[1], orgs[0]];
			const conv = await c.query<{ id: string }>(
				`INSERT INTO conversations (kind, org_a_id, org_b_id) VALUES ('direct', $1, $2) RETURNING id`,
				[a, b]
			);
			for (const id of members.flat()) {
				const sessionId = randomBytes(20).toString('hex');
				await c.query(
					`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
					[sessionId, id]
				);
				out.push({ id, cookie: `${cookieName}=${sessionId}`, conversationId: conv.rows[0].id });
			}
		});
	}
	return out;
}
