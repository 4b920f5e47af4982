import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import {
	startEmbeddedPostgres,
	type EmbeddedPostgres
} from '../../src/lib/server/services/embedded-postgres';
import {
	startEmbeddedMeilisearch,
	type EmbeddedMeilisearch
} from '../../src/lib/server/services/embedded-meilisearch';
import { createDb } from '../../src/lib/server/db/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { syncTaxonomy } from '../../src/lib/server/taxonomy/taxonomy.repo';

/**
 * Real services for the integration tests: an embedded PostgreSQL and Meilisearch on random ports
 * in a temporary directory, or the servers named by DATABASE_URL / MEILI_URL (CI runs the suite a
 * second time against the machine's PostgreSQL 15). A migrated template database is made once;
 * each test file clones it (tests/helpers/test-app.ts).
 */
export default async function setup(project: TestProject) {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-it-'));
	let postgres: EmbeddedPostgres | null = null;
	let meili: EmbeddedMeilisearch | null = null;
	const quiet = () => {};
	try {
		const baseUrl =
			process.env.DATABASE_URL ??
			(postgres = await startEmbeddedPostgres({ dataDir: dir, log: quiet })).url;
		const template = `tashbik_it_template_${process.pid}`;
		const admin = new pg.Client({ connectionString: baseUrl });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${template}`);
		await admin.query(`CREATE DATABASE ${template}`);
		await admin.end();
		const templateUrl = withDatabase(baseUrl, template);
		const db = createDb(templateUrl, { max: 1 });
		await migrate(db, path.resolve('db/migrations'));
		await syncTaxonomy(db);
		await db.end();

		meili = process.env.MEILI_URL
			? null
			: await startEmbeddedMeilisearch({ dataDir: dir, log: quiet });
		project.provide('pgBaseUrl', baseUrl);
		project.provide('pgTemplate', template);
		project.provide('meiliUrl', process.env.MEILI_URL ?? meili!.url);
		project.provide('meiliKey', process.env.MEILI_MASTER_KEY ?? meili!.masterKey);
		project.provide('meiliDataDir', dir);
		project.provide('meiliPid', meili?.pid ?? 0);
		process.stdout.write(
			`integration services: PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, Meilisearch ${process.env.MEILI_URL ? 'from MEILI_URL' : 'bundled'}\n`
		);
	} catch (err) {
		await meili?.stop();
		await postgres?.stop();
		throw err;
	}

	return async () => {
		const admin = new pg.Client({ connectionString: process.env.DATABASE_URL ?? postgres!.url });
		await admin.connect().catch(() => {});
		await admin.query(`DROP DATABASE IF EXISTS tashbik_it_template_${process.pid}`).catch(() => {});
		await admin.end().catch(() => {});
		await meili?.stop();
		await postgres?.stop();
		await rm(dir, { recursive: true, force: true });
	};
}

export function withDatabase(url: string, database: string) {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgBaseUrl: string;
		pgTemplate: string;
		meiliUrl: string;
		meiliKey: string;
		meiliDataDir: string;
		meiliPid: number;
	}
}
