import pg from 'pg';
import type { AppDeps } from '$lib/server/deps';
import { survivesDisconnects } from '$lib/server/db/db';

/**
 * With several app nodes, a socket.io adapter carries room broadcasts and socket operations to
 * every node: PostgreSQL LISTEN/NOTIFY (no extra server) or Redis pub/sub.
 */
export async function createAdapter(deps: AppDeps) {
	const kind = deps.env.REALTIME_ADAPTER;
	if (kind === 'postgres') {
		const { createAdapter: pgAdapter } = await import('@socket.io/postgres-adapter');
		const pool = new pg.Pool({
			connectionString: deps.db.pool.options.connectionString,
			max: 3,
			application_name: 'tashbik-realtime'
		});
		// The adapter holds a LISTEN connection for good; it reconnects on 'end' by itself.
		survivesDisconnects(pool, (err) =>
			deps.log.warn({ err: err.message }, 'realtime adapter connection error')
		);
		// Its table comes from migration 0090 (created here, two nodes starting together raced).
		return {
			factory: pgAdapter(pool, { tableName: 'socket_io_attachments', heartbeatInterval: 5000 }),
			close: () => pool.end()
		};
	}
	if (kind === 'redis') {
		const { createAdapter: redisAdapter } = await import('@socket.io/redis-adapter');
		const { createClient } = await import('redis');
		const pub = createClient({ url: deps.env.REDIS_URL });
		const sub = pub.duplicate();
		pub.on('error', (err) => deps.log.warn({ err: err.message }, 'realtime redis error'));
		sub.on('error', (err) => deps.log.warn({ err: err.message }, 'realtime redis error'));
		await Promise.all([pub.connect(), sub.connect()]);
		return {
			factory: redisAdapter(pub, sub),
			close: async () => {
				await Promise.allSettled([pub.quit(), sub.quit()]);
			}
		};
	}
	return null;
}
