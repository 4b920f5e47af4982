import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	startEmbeddedPostgres,
	type EmbeddedPostgres
} from '../../src/lib/server/services/embedded-postgres';
import { pickPgTool } from '../../src/lib/server/db/backup';
import { findFreePort, stopChild } from '../../src/lib/server/services/processes';

/**
 * Issue 8 item 5: `npm run db:backup` and `npm run db:restore` as an operator runs them, on the
 * embedded PostgreSQL (started by the script when the app is not running, shared when it is) and
 * on an external one (DATABASE_URL). A round trip must give back every row of every table
 * (counts) and the same content of the key tables (md5 of their ordered rows).
 */
function tempDir(prefix: string) {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user
	return dir;
}
const source = tempDir('tashbik-bk-src-');
const target = tempDir('tashbik-bk-dst-');
const files = tempDir('tashbik-bk-files-');
const backupFile = path.join(files, 'tashbik.dump');
const quiet = () => {};

/** Runs one of the project's scripts as a separate process, as `npm run` does. */
function script(file: string, args: string[], env: Record<string, string>) {
	const r = spawnSync('node_modules/.bin/tsx', [`scripts/cli/${file}`, ...args], {
		env: { ...process.env, LOG_LEVEL: 'warn', ...env },
		encoding: 'utf8',
		timeout: 240_000
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

const KEY_TABLES = [
	'users',
	'organizations',
	'listings', // offers and needs
	'conversations',
	'messages',
	'clusters',
	'cluster_members',
	'cluster_events',
	'moderation_actions', // the audit log
	'user_totp_keys',
	'recovery_codes',
	'sessions'
];

/** Row count of every table, and md5 of the key tables' rows in a fixed order. */
async function fingerprint(url: string) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		const { rows: tables } = await c.query<{ name: string }>(
			`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`
		);
		const counts: Record<string, number> = {};
		for (const t of tables)
			counts[t.name] = Number(
				(await c.query(`SELECT count(*) AS n FROM ${c.escapeIdentifier(t.name)}`)).rows[0].n
			);
		const sums: Record<string, string> = {};
		for (const t of KEY_TABLES)
			sums[t] = (
				await c.query<{ md5: string }>(
					`SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS md5 FROM ${t} x`
				)
			).rows[0].md5;
		return { counts, sums };
	} finally {
		await c.end();
	}
}

/** Data the demo seed has none of: clusters, the audit log, a second factor, tricky text. */
async function addEdgeCases(url: string) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		const user = (await c.query<{ id: string }>('SELECT id FROM users ORDER BY email LIMIT 1'))
			.rows[0].id;
		const org = (
			await c.query<{ id: string; sector: string }>(
				`SELECT o.id, s.sector_code AS sector FROM organizations o
				 JOIN organization_sectors s ON s.organization_id = o.id ORDER BY o.slug LIMIT 1`
			)
		).rows[0];
		const cluster = (
			await c.query<{ id: string }>(
				`INSERT INTO clusters (slug, name_fr, name_ar, sector_code, provinces, coordinator_org_id, created_by)
				 VALUES ('grappe-olive-oriental', 'Grappe de l''olive', 'عنقود الزيتون', $1,
				         ARRAY['berkane', 'nador'], $2, $3) RETURNING id`,
				[org.sector, org.id, user]
			)
		).rows[0].id;
		await c.query(
			`INSERT INTO cluster_members (cluster_id, organization_id, status, role, joined_at)
			 VALUES ($1, $2, 'active', 'coordinator', now())`,
			[cluster, org.id]
		);
		await c.query(
			`INSERT INTO cluster_events (cluster_id, event, actor_user_id, to_status, reason)
			 VALUES ($1, 'created', $2, 'forming', 'سبب: "quotes", back\\slash, tab	and
			 newline')`,
			[cluster, user]
		);
		await c.query(
			`INSERT INTO moderation_actions (actor_user_id, action, target_type, target_id, reason, details)
			 VALUES ($1, 'hide', 'message', '42', NULL, $2::jsonb)`,
			[user, JSON.stringify({ note: 'émoji 🌿 et عربي', nested: { n: 1.5, list: [1, null] } })]
		);
		await c.query(
			`INSERT INTO user_totp_keys (user_id, secret, enabled_at, last_used_step)
			 VALUES ($1, decode('00ff5c0a0d27225c' || repeat('7f', 12), 'hex'), now(), 58912345)`,
			[user]
		);
		await c.query(
			`INSERT INTO recovery_codes (user_id, code_hash, used_at)
			 VALUES ($1, 'h1', NULL), ($1, 'h2', now() - interval '1 day')`,
			[user]
		);
		await c.query(
			`INSERT INTO sessions (id, user_id, expires_at, created_at, ip, user_agent, two_factor_verified)
			 VALUES ('abcdefghijklmnopqrstuvwxyz234567abcdefgh', $1, now() + interval '7 days', now(),
			         '198.51.100.7', 'Mozilla/5.0 (X11; Linux) «test»', true)`,
			[user]
		);
		const conv = (await c.query<{ id: string }>('SELECT id FROM conversations LIMIT 1')).rows[0];
		if (conv)
			await c.query(
				`INSERT INTO messages (conversation_id, seq, sender_user_id, client_id, body)
				 VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = $1),
				         $2, 'backup-test-0001', $3)`,
				[conv.id, user, 'سلام 👋\nligne 2\t"tab" \\ fin \u2028 \u0085']
			);
	} finally {
		await c.end();
	}
}

let pgSource: EmbeddedPostgres;
let before: Awaited<ReturnType<typeof fingerprint>>;

beforeAll(async () => {
	const seeded = script('seed.ts', ['--orgs', '12'], { DATA_DIR: source });
	expect(seeded.code, seeded.err).toBe(0);
	// Held by the test from here on: the scripts below attach to it, as to a running app's.
	pgSource = await startEmbeddedPostgres({ dataDir: source, log: quiet });
	await addEdgeCases(pgSource.url);
	before = await fingerprint(pgSource.url);
}, 300_000);

afterAll(async () => {
	await pgSource?.stop();
	for (const d of [source, target, files]) rmSync(d, { recursive: true, force: true });
}, 60_000);

describe('db:backup and db:restore on the embedded database', () => {
	it('the source has rows in every key table (else the round trip proves little)', () => {
		for (const t of KEY_TABLES) expect(before.counts[t], t).toBeGreaterThan(0);
	});

	it('npm run db:backup writes a backup while the database is in use, saying what it wrote', () => {
		const r = spawnSync('npm', ['run', '--silent', 'db:backup', '--', '--out', backupFile], {
			env: { ...process.env, DATA_DIR: source, LOG_LEVEL: 'warn' },
			encoding: 'utf8',
			timeout: 240_000
		});
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain("(the running app's)");
		expect(r.stdout).toMatch(
			/Backup written: .*tashbik\.dump \((pg_dump custom archive|Tashbik logical dump), \d+ tables, \d+ rows/
		);
	});

	it('restores into a fresh data directory (starting its PostgreSQL) with every row back', async () => {
		const r = script('db-restore.ts', [backupFile], { DATA_DIR: target });
		expect(r.code, r.err).toBe(0);
		expect(r.out).toContain('(started for this task)');
		expect(r.out).toMatch(/users\s+\d+ rows/);
		expect(r.out).toMatch(/Restored .*: \d+ tables, \d+ rows/);
		const pgTarget = await startEmbeddedPostgres({ dataDir: target, log: quiet });
		try {
			const after = await fingerprint(pgTarget.url);
			expect(after.counts).toEqual(before.counts);
			expect(after.sums).toEqual(before.sums);
			// Sequences came back too: new rows do not collide with restored ones.
			const c = new pg.Client({ connectionString: pgTarget.url });
			await c.connect();
			try {
				const { rows } = await c.query<{ id: string; before: string }>(
					`WITH n AS (INSERT INTO moderation_actions (action, target_type, target_id)
					            VALUES ('note', 'test', '1') RETURNING id)
					 SELECT n.id, (SELECT max(id) FROM moderation_actions) AS before FROM n`
				);
				expect(Number(rows[0].id)).toBeGreaterThan(Number(rows[0].before));
			} finally {
				await c.end();
			}
		} finally {
			await pgTarget.stop();
		}
	});

	it('refuses to overwrite a database that is not empty without --force, and changes nothing', async () => {
		const pgTarget = await startEmbeddedPostgres({ dataDir: target, log: quiet });
		try {
			const current = await fingerprint(pgTarget.url);
			const r = script('db-restore.ts', [backupFile], { DATA_DIR: target });
			expect(r.code).toBe(1);
			expect(r.err).toMatch(/^db:restore failed: the database .* is not empty: .*--force/m);
			expect(r.err).not.toContain('tashbik@'); // the password is not printed
			expect(await fingerprint(pgTarget.url)).toEqual(current);
		} finally {
			await pgTarget.stop();
		}
	});

	it('a cut backup is refused before anything is touched, even with --force', async () => {
		const cut = path.join(files, 'cut.dump');
		const whole = readFileSync(backupFile);
		writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
		const pgTarget = await startEmbeddedPostgres({ dataDir: target, log: quiet });
		try {
			const current = await fingerprint(pgTarget.url);
			const r = script('db-restore.ts', [cut, '--force'], { DATA_DIR: target });
			expect(r.code).toBe(1);
			expect(r.err).toMatch(/incomplete|damaged|pg_restore failed/);
			expect(await fingerprint(pgTarget.url)).toEqual(current);
		} finally {
			await pgTarget.stop();
		}
	});

	it('--force replaces the contents, saving them first', async () => {
		const r = script('db-restore.ts', [backupFile, '--force'], { DATA_DIR: target });
		expect(r.code, r.err).toBe(0);
		expect(r.out).toMatch(/--force: the database holds .*; saving it first to .*before-restore-/);
		expect(
			readdirSync(path.join(target, 'backups')).some((f) => f.startsWith('before-restore-'))
		).toBe(true);
		const pgTarget = await startEmbeddedPostgres({ dataDir: target, log: quiet });
		try {
			const after = await fingerprint(pgTarget.url);
			expect(after.counts).toEqual(before.counts);
			expect(after.sums).toEqual(before.sums);
		} finally {
			await pgTarget.stop();
		}
	});
});

describe('on an external database (DATABASE_URL)', () => {
	it('backs up and restores into another database of the same server', async () => {
		const admin = new pg.Client({ connectionString: pgSource.url });
		await admin.connect();
		await admin.query('CREATE DATABASE tashbik_restored');
		await admin.end();
		const url = pgSource.url.replace(/\/tashbik$/, '/tashbik_restored');
		const ext = path.join(files, 'external.dump');
		const b = script('db-backup.ts', ['--out', ext], {
			DATABASE_URL: pgSource.url,
			DATA_DIR: files
		});
		expect(b.code, b.err).toBe(0);
		expect(b.out).toMatch(/^database: postgres:\/\/postgres:\*\*\*@/m);
		const r = script('db-restore.ts', [ext], { DATABASE_URL: url, DATA_DIR: files });
		expect(r.code, r.err).toBe(0);
		const after = await fingerprint(url);
		expect(after.counts).toEqual(before.counts);
		expect(after.sums).toEqual(before.sums);
	});

	it('pg_dump is used when one as new as the server is here; asking for it otherwise says what was found', () => {
		const { usable, found } = pickPgTool('pg_dump', 18);
		const out = path.join(files, 'pgdump.dump');
		const r = script('db-backup.ts', ['--out', out, '--format', 'pg_dump'], { DATA_DIR: source });
		if (usable) {
			expect(r.code, r.err).toBe(0);
			expect(readFileSync(out).subarray(0, 5).toString()).toBe('PGDMP');
		} else {
			expect(r.code).toBe(1);
			expect(r.err).toContain('no pg_dump 18 or newer for this PostgreSQL 18 server');
			for (const t of found) expect(r.err).toContain(`${t.major} at ${t.path}`);
			expect(r.err).toContain('PG_BIN_DIR');
		}
	});
});

/**
 * The pg_dump format needs a server no newer than the pg_dump at hand; the embedded server (18) is
 * newer than any packaged here. With TASHBIK_TEST_PG_BIN_DIR naming the bin folder of an older
 * PostgreSQL server (Debian 12: `apt-get download postgresql-15 && dpkg -x postgresql-15_*.deb DIR`,
 * then DIR/usr/lib/postgresql/15/bin) and its client tools installed, this proves that path too.
 */
const olderServerBin = process.env.TASHBIK_TEST_PG_BIN_DIR;
/**
 * Or an older server that already runs: TASHBIK_TEST_PG_URL names a database on it whose user may
 * create databases (CI: the machine's PostgreSQL 15, with Debian's pg_dump 15).
 */
const olderServerUrl = process.env.TASHBIK_TEST_PG_URL;

/** Two scratch databases on a running server, dropped again by `stop`. */
function onRunningServer(adminUrl: string) {
	const suffix = `${process.pid}_${Date.now()}`;
	const names: Record<string, string> = {
		src: `tashbik_bk_src_${suffix}`,
		dst: `tashbik_bk_dst_${suffix}`
	};
	return {
		admin: adminUrl,
		names,
		url: (db: string) => {
			const u = new URL(adminUrl);
			u.pathname = `/${names[db]}`;
			return u.toString();
		},
		stop: async () => {
			const admin = new pg.Client({ connectionString: adminUrl });
			await admin.connect();
			for (const db of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS ${db}`);
			await admin.end();
		}
	};
}

/** An external PostgreSQL from `bin`, run as the postgres OS user; stopped by the returned function. */
async function startOlderServer(bin: string) {
	const dir = tempDir('tashbik-bk-ext-');
	const ids =
		process.getuid?.() === 0
			? {
					uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
					gid: Number(execFileSync('id', ['-g', 'postgres']).toString())
				}
			: {};
	const pgdata = path.join(dir, 'pg');
	execFileSync('mkdir', ['-m', '700', pgdata]);
	if (ids.uid !== undefined) execFileSync('chown', [`${ids.uid}:${ids.gid}`, pgdata]);
	execFileSync(path.join(bin, 'initdb'), ['-D', pgdata, '-U', 'postgres', '--auth=trust'], {
		...ids,
		stdio: 'ignore'
	});
	const port = await findFreePort();
	const child = spawn(
		path.join(bin, 'postgres'),
		['-D', pgdata, '-p', String(port), '-h', '127.0.0.1', '-k', ''],
		{ ...ids, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	await new Promise<void>((resolve, reject) => {
		child.stderr!.on('data', (c) => String(c).includes('ready to accept') && resolve());
		child.once('exit', (code) => reject(new Error(`postgres exited with ${code}`)));
	});
	return {
		url: (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`,
		stop: async () => {
			await stopChild(child, 'SIGINT');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

describe.runIf(olderServerBin || olderServerUrl)(
	'pg_dump custom archives, on an older external PostgreSQL',
	() => {
		it('logical dump into it, then db:backup uses pg_dump -Fc and db:restore pg_restore: the same rows', async () => {
			const server = olderServerBin
				? {
						...(await startOlderServer(olderServerBin)),
						admin: null,
						names: { src: 'src', dst: 'dst' }
					}
				: onRunningServer(olderServerUrl!);
			try {
				const admin = new pg.Client({ connectionString: server.admin ?? server.url('postgres') });
				await admin.connect();
				await admin.query(`CREATE DATABASE ${server.names.src}`);
				await admin.query(`CREATE DATABASE ${server.names.dst}`);
				const major = Math.floor(
					Number((await admin.query('SHOW server_version_num')).rows[0].server_version_num) / 10000
				);
				await admin.end();
				expect(
					pickPgTool('pg_dump', major).usable,
					`a pg_dump ${major}+ is installed`
				).toBeTruthy();
				const loaded = script('db-restore.ts', [backupFile], {
					DATABASE_URL: server.url('src'),
					DATA_DIR: files
				});
				expect(loaded.code, loaded.err).toBe(0);
				const archive = path.join(files, 'older.dump');
				const b = script('db-backup.ts', ['--out', archive], {
					DATABASE_URL: server.url('src'),
					DATA_DIR: files
				});
				expect(b.code, b.err).toBe(0);
				expect(b.out).toContain('pg_dump custom archive');
				expect(readFileSync(archive).subarray(0, 5).toString()).toBe('PGDMP');
				const r = script('db-restore.ts', [archive], {
					DATABASE_URL: server.url('dst'),
					DATA_DIR: files
				});
				expect(r.code, r.err).toBe(0);
				expect(r.out).toMatch(/pg_restore \d+/);
				const again = script('db-restore.ts', [archive], {
					DATABASE_URL: server.url('dst'),
					DATA_DIR: files
				});
				expect(again.code).toBe(1);
				expect(again.err).toContain('--force');
				for (const db of ['src', 'dst']) {
					const after = await fingerprint(server.url(db));
					expect(after.counts).toEqual(before.counts);
					expect(after.sums).toEqual(before.sums);
				}
			} finally {
				await server.stop();
			}
		});
	}
);
