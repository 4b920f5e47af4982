import http from 'node:http';
import { TRPCError } from '@trpc/server';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { parseEnv } from '../../src/lib/server/env';
import { createDb } from '../../src/lib/server/db/db';
import { createMeiliClient } from '../../src/lib/server/search/meili-client';
import { applyIndexSettings } from '../../src/lib/server/search/indexes';
import { ALL_INDEXES } from '../../src/lib/server/search/index-definitions';
import { createLucia } from '../../src/lib/server/auth/lucia';
import { createMailer } from '../../src/lib/server/mail/mailer';
import { silentBus } from '../../src/lib/server/realtime/bus';
import { log } from '../../src/lib/server/log';
import type { AppDeps } from '../../src/lib/server/deps';
import { createUser, validateSession } from '../../src/lib/server/auth/auth.service';
import { createBareContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/root';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { withDatabase } from '../integration/global-setup';
import type { Locale } from '../../src/lib/i18n/locales';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Passes the strength check; tests that are not about passwords use it. */
export const GOOD_PASSWORD = 'Berkane-Clementine-Harvest-42';

export interface TestUser {
	id: string;
	email: string;
	sessionId: string;
	cookie: string;
	/** The TOTP key when the user has a second factor. */
	totpSecret?: Uint8Array;
}

/**
 * A fresh app for one test file: its own database (cloned from the migrated template), its own
 * Meilisearch index prefix, real services, and helpers to make users, callers and sockets.
 */
export async function createTestApp(opts: { env?: Record<string, string> } = {}) {
	const suffix = randomBytes(5).toString('hex');
	const database = `tashbik_it_${suffix}`;
	const baseUrl = inject('pgBaseUrl');
	const admin = new pg.Client({ connectionString: baseUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${database} TEMPLATE ${inject('pgTemplate')}`);
	await admin.end();

	const url = withDatabase(baseUrl, database);
	const env = parseEnv({
		NODE_ENV: 'test',
		DATABASE_URL: url,
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `t${suffix}_`,
		LOG_LEVEL: 'silent',
		...opts.env
	});
	log.level = 'silent';
	const db = createDb(url, { max: 10 });
	const meili = createMeiliClient(env.MEILI_URL!, env.MEILI_MASTER_KEY!);
	await applyIndexSettings(meili, env.MEILI_INDEX_PREFIX, ALL_INDEXES);
	const deps: AppDeps = {
		env,
		db,
		meili,
		lucia: createLucia(db.pool, { secure: false }),
		mailer: createMailer({ from: 'test@tashbik.test', log }),
		realtime: silentBus,
		log
	};

	const servers: http.Server[] = [];
	const sockets: TestSocket[] = [];
	const closers: (() => Promise<void>)[] = [];

	async function user(
		overrides: Partial<{
			email: string;
			displayName: string;
			role: 'member' | 'staff' | 'admin';
			locale: Locale;
			/** Staff and admins get a second factor (enabled, this session verified) unless false. */
			twoFactor: boolean;
		}> = {}
	): Promise<TestUser> {
		const email = overrides.email ?? `user-${randomBytes(4).toString('hex')}@example.test`;
		const row = await createUser(deps, {
			email,
			password: GOOD_PASSWORD,
			displayName: overrides.displayName ?? 'Test User',
			locale: overrides.locale ?? 'ar',
			role: overrides.role ?? 'member'
		});
		const privileged = overrides.role === 'staff' || overrides.role === 'admin';
		const twoFactor = overrides.twoFactor ?? privileged;
		const totpSecret = twoFactor ? await enrollSecondFactor(row.id) : undefined;
		const session = await deps.lucia.createSession(row.id, {
			created_at: new Date(),
			ip: null,
			user_agent: null,
			two_factor_verified: twoFactor
		});
		return {
			id: row.id,
			email,
			sessionId: session.id,
			cookie: deps.lucia.createSessionCookie(session.id).serialize(),
			totpSecret
		};
	}

	/** As if the user had scanned the QR code and confirmed a first code. */
	async function enrollSecondFactor(userId: string) {
		const secret = randomBytes(20);
		await deps.db.query(
			'INSERT INTO user_totp_keys (user_id, secret, enabled_at) VALUES ($1, $2, now())',
			[userId, secret]
		);
		await deps.db.query('UPDATE users SET totp_enabled = true WHERE id = $1', [userId]);
		return new Uint8Array(secret);
	}

	/** A tRPC caller as this user (or as a visitor), in-process like server loads. */
	async function caller(as: TestUser | null = null, locale: Locale = 'en') {
		if (!as) return createCaller(createBareContext(deps, { locale }));
		// The same validation as the HTTP hook: suspended users and expired sessions are visitors.
		const result = await validateSession(deps, as.sessionId);
		return createCaller(
			createBareContext(deps, {
				user: result?.user ?? null,
				session: result?.session ?? null,
				locale
			})
		);
	}

	/** A real HTTP server with socket.io attached, on a random port. */
	async function startRealtimeServer() {
		const server = http.createServer((_req, res) => res.writeHead(404).end());
		const rt = await attachRealtime(server, deps);
		deps.realtime = rt.bus;
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		servers.push(server);
		closers.push(rt.close);
		return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, io: rt.io };
	}

	function connect(
		serverUrl: string,
		as: TestUser | null,
		extra: { origin?: string } = {}
	): TestSocket {
		const socket: TestSocket = ioClient(serverUrl, {
			transports: ['websocket'],
			reconnection: false,
			forceNew: true,
			extraHeaders: {
				...(as ? { cookie: as.cookie } : {}),
				...(extra.origin ? { origin: extra.origin } : {})
			}
		});
		sockets.push(socket);
		return socket;
	}

	async function close() {
		for (const s of sockets) s.disconnect();
		for (const c of closers) await c().catch(() => {});
		for (const s of servers) await new Promise((r) => s.close(r));
		await db.end();
		const a = new pg.Client({ connectionString: baseUrl });
		await a.connect();
		await a
			.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
			.catch(() => a.query(`DROP DATABASE IF EXISTS ${database}`));
		await a.end();
		const { results } = await meili.getIndexes({ limit: 1000 });
		await Promise.all(
			results
				.filter((i) => i.uid.startsWith(env.MEILI_INDEX_PREFIX))
				.map((i) => meili.deleteIndex(i.uid))
		);
	}

	return { deps, db, env, meili, user, caller, startRealtimeServer, connect, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Resolves with the next `event` on `socket`, or rejects after `ms`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, ms = 5000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
		socket.once(event, (payload: T) => {
			clearTimeout(timer);
			resolve(payload);
		});
	});
}

/** The procedure's rejection, as a TRPCError (fails the test when the call succeeds). */
export async function rejection(p: Promise<unknown>): Promise<TRPCError> {
	try {
		await p;
	} catch (err) {
		if (err instanceof TRPCError) return err;
		throw err;
	}
	throw new Error('expected a rejection');
}
