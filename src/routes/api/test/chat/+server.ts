import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from './$types';
import { openDirect } from '$lib/server/chat/conversation.service';

const input = z.object({
	/** Users (ids from /api/test/session): the first list owns organization A, the second B. */
	a: z.array(z.uuid()).min(1),
	b: z.array(z.uuid()).min(1),
	/** Messages from the first member of A already in the conversation (history paging). */
	messages: z.number().int().min(0).max(500).default(0),
	names: z
		.tuple([z.string(), z.string()])
		.default(['تعاونية الكسكس - تاوريرت', 'Coopérative Berkane'])
});

/**
 * Test-only (TEST_ROUTES=1, the e2e server): two organizations with these members and an
 * accepted connection, and their direct conversation. The organizations and matching issues own
 * the real flows that make these rows.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (locals.deps.env.TEST_ROUTES !== '1') error(404);
	const data = input.parse(await request.json());
	const { db } = locals.deps;
	const orgIds = await db.tx(async (client) => {
		const ids: string[] = [];
		for (const [i, members] of [data.a, data.b].entries()) {
			const { rows } = await client.query<{ id: string }>(
				`INSERT INTO organizations (kind, slug, name_ar, name_fr, status, province)
				 VALUES ('cooperative', $1, $2, $2, 'published', 'taourirt') RETURNING id`,
				[`e2e-${randomBytes(5).toString('hex')}`, data.names[i]]
			);
			for (const [j, userId] of members.entries()) {
				await client.query(
					`INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)
					 ON CONFLICT DO NOTHING`,
					[rows[0].id, userId, j === 0 ? 'owner' : 'member']
				);
			}
			ids.push(rows[0].id);
		}
		await client.query(
			`INSERT INTO connections (from_org_id, to_org_id, status, responded_at) VALUES ($1, $2, 'accepted', now())`,
			ids
		);
		return ids;
	});
	const { conversationId } = await openDirect(locals.deps, data.a[0], {
		organizationId: orgIds[1]
	});
	if (data.messages) {
		await db.query(
			`WITH n AS (SELECT generate_series(1, $3::int) AS i)
			 INSERT INTO messages (conversation_id, seq, sender_user_id, sender_org_id, client_id, body, created_at)
			 SELECT $1, i, $2, $4, 'seed-' || md5(random()::text), 'رسالة رقم ' || i,
				now() - make_interval(mins => $3::int - i) FROM n`,
			[conversationId, data.a[0], data.messages, orgIds[0]]
		);
		await db.query(
			`UPDATE conversations SET last_seq = $2, last_message_at = now() WHERE id = $1`,
			[conversationId, data.messages]
		);
	}
	return json({ orgA: orgIds[0], orgB: orgIds[1], conversationId });
};
