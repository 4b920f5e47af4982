import pg from 'pg';

// bigint ids (int8) arrive as strings by default; our ids stay well below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates as ISO strings would lose the type; keep JS Dates for timestamptz (the default).

/** Anything that runs a query: the pool-backed `Db` or a transaction's client. */
export interface Queryable {
	query<R extends pg.QueryResultRow = Record<string, unknown>>(
		text: string,
		params?: unknown[]
	): Promise<pg.QueryResult<R>>;
}

/** The app's database handle: one pool, a `query` helper and a `tx` helper. */
export interface Db {
	pool: pg.Pool;
	query<R extends pg.QueryResultRow = Record<string, unknown>>(
		text: string,
		params?: unknown[]
	): Promise<pg.QueryResult<R>>;
	/** Runs `fn` in one transaction; rolls back on any throw. */
	tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
	end(): Promise<void>;
}

export function createDb(
	connectionString: string,
	opts: { max?: number; appName?: string } = {}
): Db {
	const pool = new pg.Pool({
		connectionString,
		max: opts.max ?? 10,
		application_name: opts.appName ?? 'tashbik',
		connectionTimeoutMillis: 5_000,
		idleTimeoutMillis: 30_000
	});
	// A dropped idle connection (server restart) must not crash the process; the pool replaces it.
	pool.on('error', () => {});
	return {
		pool,
		query: (text, params) => pool.query(text, params as unknown[]),
		tx: (fn) => withTransaction(pool, fn),
		end: () => pool.end()
	};
}

export async function withTransaction<T>(
	pool: pg.Pool,
	fn: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		const result = await fn(client);
		await client.query('COMMIT');
		return result;
	} catch (err) {
		await client.query('ROLLBACK').catch(() => {});
		throw err;
	} finally {
		client.release();
	}
}

/** True for errors that mean "the database is not reachable right now" (not a bad query). */
export function isConnectionError(err: unknown): boolean {
	const e = err as { code?: string; message?: string };
	if (!e) return false;
	if (
		e.code &&
		[
			'ECONNREFUSED',
			'ECONNRESET',
			'ETIMEDOUT',
			'EPIPE',
			'57P01',
			'57P02',
			'57P03',
			'08006',
			'08001',
			'08003'
		].includes(e.code)
	)
		return true;
	return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
		e.message ?? ''
	);
}
