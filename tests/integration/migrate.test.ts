import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { migrate, MigrationError } from '../../src/lib/server/db/migrate';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

describe('migrations', () => {
	it('records every migration with its checksum and applies nothing twice', async () => {
		const { rows } = await app.db.query<{ name: string; checksum: string }>(
			'SELECT name, checksum FROM schema_migrations ORDER BY id'
		);
		expect(rows[0].name).toBe('0001_accounts.sql');
		expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
		expect((await migrate(app.db, path.resolve('db/migrations'))).applied).toEqual([]);
	});

	it('stops with a clear message when an applied migration was edited', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-mig-'));
		await cp(path.resolve('db/migrations'), dir, { recursive: true });
		await writeFile(path.join(dir, '0001_accounts.sql'), '-- edited\n', { flag: 'a' });
		await expect(migrate(app.db, dir)).rejects.toThrow(MigrationError);
		await expect(migrate(app.db, dir)).rejects.toThrow(
			/0001_accounts\.sql was edited after it was applied/
		);
	});

	it('applies a new migration in its own transaction, and rolls back a failing one whole', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-mig-'));
		await cp(path.resolve('db/migrations'), dir, { recursive: true });
		const n = (
			await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')
		).rows[0].n;
		const next = String(n + 1).padStart(4, '0');
		await writeFile(
			path.join(dir, `${next}_broken.sql`),
			'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n'
		);
		await expect(migrate(app.db, dir)).rejects.toThrow(new RegExp(`${next}_broken\\.sql failed`));
		expect((await app.db.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t).toBeNull();
	});
});
