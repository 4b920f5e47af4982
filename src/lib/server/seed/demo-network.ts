import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { enqueueSearchSync } from '$lib/server/search/outbox';
import { orgRefOf } from '$lib/server/verification/verification.service';

/**
 * The demo's network, so that every screen has something to show on the first start: Fatima's
 * cooperative is connected with Youssef's packaging cooperative and they have talked; the
 * Occitanie region has asked Karim's olive oil cooperative to connect; and an olive oil cluster of
 * the Beni-Snassen is active, with its channel. Idempotent: each piece is added once.
 */
const FATIMA_ORG = 'amal-couscous-taourirt';
const YOUSSEF_ORG = 'emballage-oriental-oujda';
const KARIM_ORG = 'zitoune-bio-beni-snassen';
const CLAIRE_ORG = 'region-occitanie';
const CLUSTER_SLUG = 'zitoune-beni-snassen';

async function orgId(db: Queryable, slug: string) {
	return (
		(await db.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [slug])).rows[0]
			?.id ?? null
	);
}
async function userId(db: Queryable, email: string) {
	return (
		(await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0]
			?.id ?? null
	);
}

export async function seedDemoNetwork(deps: AppDeps) {
	await deps.db.tx(async (db) => {
		// One transaction client: its queries one after the other.
		const fatimaOrg = await orgId(db, FATIMA_ORG);
		const youssefOrg = await orgId(db, YOUSSEF_ORG);
		const karimOrg = await orgId(db, KARIM_ORG);
		const claireOrg = await orgId(db, CLAIRE_ORG);
		const fatima = await userId(db, 'fatima@tashbik.ma');
		const youssef = await userId(db, 'youssef@tashbik.ma');
		const karim = await userId(db, 'karim@tashbik.ma');
		const claire = await userId(db, 'claire@occitanie.fr');
		if (
			!fatimaOrg ||
			!youssefOrg ||
			!karimOrg ||
			!claireOrg ||
			!fatima ||
			!youssef ||
			!karim ||
			!claire
		)
			return;
		if ((await db.query(`SELECT 1 FROM app_meta WHERE key = 'demo_network'`)).rowCount) return;

		// Fatima and Youssef: connected a week ago, and they talked.
		await db.query(
			`INSERT INTO connections (from_org_id, to_org_id, status, message, created_by, responded_by, created_at, responded_at)
			 VALUES ($1, $2, 'accepted', 'نبحث عن تعاونية للتلفيف لأكياس الكسكس', $3, $4, now() - interval '8 days', now() - interval '7 days')`,
			[fatimaOrg, youssefOrg, fatima, youssef]
		);
		const [a, b] = [fatimaOrg, youssefOrg].sort();
		const conv = (
			await db.query<{ id: string }>(
				`INSERT INTO conversations (kind, org_a_id, org_b_id, created_by) VALUES ('direct', $1, $2, $3) RETURNING id`,
				[a, b, fatima]
			)
		).rows[0].id;
		const lines: [string, string, string, string][] = [
			[
				fatima,
				fatimaOrg,
				'السلام عليكم، نحتاج أكياسًا من 1 كلغ و5 كلغ للكسكس، بطباعة باسم التعاونية.',
				'7 days'
			],
			[
				youssef,
				youssefOrg,
				'وعليكم السلام. نصنع أكياس الورق المبطن، ويمكننا الطباعة بلونين. كم تحتاجون شهريًا؟',
				'7 days'
			],
			[
				fatima,
				fatimaOrg,
				'حوالي 800 كيس في الشهر. هل يمكن أن نلتقي في وجدة الأسبوع القادم؟',
				'6 days'
			],
			[
				youssef,
				youssefOrg,
				'Avec plaisir. Mardi à 10 h à notre atelier, quartier Al Qods.',
				'6 days'
			]
		];
		for (const [i, [sender, org, body, ago]] of lines.entries()) {
			await db.query(
				`INSERT INTO messages (conversation_id, seq, sender_user_id, sender_org_id, client_id, body, created_at)
				 VALUES ($1, $2::bigint, $3, $4, $5, $6, now() - $7::interval + make_interval(mins => $2::bigint::int))`,
				[conv, i + 1, sender, org, `demo-${conv.slice(0, 8)}-${i}`, body, ago]
			);
		}
		await db.query(
			`UPDATE conversations SET last_seq = $2, last_message_at = (SELECT max(created_at) FROM messages WHERE conversation_id = $1) WHERE id = $1`,
			[conv, lines.length]
		);

		// Occitanie asks Karim's cooperative to connect: Karim finds it in his notifications.
		await db.query(
			`INSERT INTO connections (from_org_id, to_org_id, status, message, created_by, created_at)
			 VALUES ($1, $2, 'pending', 'Nous cherchons de l''huile d''olive biologique certifiée pour des épiceries solidaires de la région.', $3, now() - interval '1 day')`,
			[claireOrg, karimOrg, claire]
		);
		const request = (
			await db.query<{ id: string }>(
				`SELECT id FROM connections WHERE from_org_id = $1 AND to_org_id = $2 AND status = 'pending'`,
				[claireOrg, karimOrg]
			)
		).rows[0];
		await db.query(
			`INSERT INTO notifications (user_id, kind, payload) VALUES ($1, 'connection.requested', $2::jsonb)`,
			[
				karim,
				JSON.stringify({
					connectionId: request.id,
					fromOrg: await orgRefOf(db, claireOrg),
					toOrg: await orgRefOf(db, karimOrg)
				})
			]
		);

		// An active olive oil cluster in the Beni-Snassen, coordinated by Karim's cooperative.
		const partners = (
			await db.query<{ id: string }>(
				`SELECT o.id FROM organizations o
				 WHERE o.status = 'published' AND o.kind = 'cooperative' AND o.province = 'berkane' AND o.id <> $1
				   AND EXISTS (SELECT 1 FROM listings l JOIN categories c ON c.code = l.category_code WHERE l.organization_id = o.id AND c.chain_code = 'olive_oil')
				 ORDER BY o.slug LIMIT 3`,
				[karimOrg]
			)
		).rows.map((r) => r.id);
		if (
			partners.length >= 2 &&
			!(await db.query('SELECT 1 FROM clusters WHERE slug = $1', [CLUSTER_SLUG])).rowCount
		) {
			const cluster = (
				await db.query<{ id: string }>(
					`INSERT INTO clusters (slug, name_ar, name_fr, name_en, purpose_ar, purpose_fr, sector_code, chain_code, provinces, status,
						coordinator_org_id, created_by, submitted_at, approved_at, created_at)
					 VALUES ($1, 'تكتل زيت الزيتون لبني يزناسن', 'Cluster huile d''olive des Beni-Snassen', 'Beni-Snassen olive oil cluster',
						'عصر مشترك وتعبئة موحدة وتسويق جماعي لزيت الزيتون البيولوجي.', 'Pressage commun, conditionnement unique et vente collective d''huile d''olive biologique.',
						'agrifood', 'olive_oil', '{berkane}', 'active', $2, $3, now() - interval '20 days', now() - interval '15 days', now() - interval '30 days')
					 RETURNING id`,
					[CLUSTER_SLUG, karimOrg, karim]
				)
			).rows[0].id;
			await db.query(
				`INSERT INTO cluster_members (cluster_id, organization_id, status, role, joined_at) VALUES ($1, $2, 'active', 'coordinator', now() - interval '30 days')`,
				[cluster, karimOrg]
			);
			for (const p of partners) {
				await db.query(
					`INSERT INTO cluster_members (cluster_id, organization_id, status, joined_at) VALUES ($1, $2, 'active', now() - interval '25 days')`,
					[cluster, p]
				);
			}
			const events: [string, string | null, string | null, string][] = [
				['proposed', null, 'forming', '30 days'],
				['submitted', 'forming', 'submitted', '20 days'],
				['approved', 'submitted', 'active', '15 days']
			];
			for (const [event, from, to, ago] of events) {
				await db.query(
					`INSERT INTO cluster_events (cluster_id, event, actor_user_id, actor_org_id, from_status, to_status, created_at) VALUES ($1, $2, $3, $4, $5, $6, now() - $7::interval)`,
					[cluster, event, karim, karimOrg, from, to, ago]
				);
			}
			const channel = (
				await db.query<{ id: string }>(
					`INSERT INTO conversations (kind, cluster_id, created_by) VALUES ('cluster', $1, $2) RETURNING id`,
					[cluster, karim]
				)
			).rows[0].id;
			await db.query(
				`INSERT INTO messages (conversation_id, seq, sender_user_id, sender_org_id, client_id, body, created_at)
				 VALUES ($1, 1, $2, $3, $4, 'مرحبًا بكم في قناة التكتل. أول اجتماع للعصر المشترك يوم السبت في بركان.', now() - interval '14 days')`,
				[channel, karim, karimOrg, `demo-${channel.slice(0, 8)}-0`]
			);
			await db.query(
				`UPDATE conversations SET last_seq = 1, last_message_at = now() - interval '14 days' WHERE id = $1`,
				[channel]
			);
			await enqueueSearchSync(db, 'cluster', cluster);
		}
		await db.query(`INSERT INTO app_meta (key, value) VALUES ('demo_network', to_jsonb(now()))`);
	});
}
