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
	survivesDisconnects(pool);
	return {
		pool,
		query: (text, params) => pool.query(text, params as unknown[]),
		tx: (fn) => withTransaction(pool, fn),
		end: () => pool.end()
	};
}

/**
 * A connection the server ends (restart, `pg_ctl stop`: "terminating connection due to
 * administrator command") emits 'error' on its client. The pool listens only while the client is
 * idle; a client checked out at that moment (a query in flight, a LISTEN connection held for
 * good) has no listener, and an 'error' event without one crashes the process. The query in
 * flight still fails with the error, and the pool replaces the client.
 */
export function survivesDisconnects(pool: pg.Pool, onError: (err: Error) => void = () => {}) {
	pool.on('error', onError);
	pool.on('connect', (client) => client.on('error', onError));
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
