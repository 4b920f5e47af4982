// npm run bench:matching [-- --orgs 100000 --samples 1000 --seed 20260501]
// Time to compute one organization's suggestions (first page) at scale: a fresh embedded
// PostgreSQL (or DATABASE_URL's server, in a database of its own), the real migrations and
// triggers, a deterministic population, then many sampled organizations.
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/lib/server/services/embedded-postgres';
import { createDb } from '../../src/lib/server/db/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { syncTaxonomy } from '../../src/lib/server/taxonomy/taxonomy.repo';
import { insertOrganizations } from '../../src/lib/server/matching/seed-orgs';
import { rankSuggestions } from '../../src/lib/server/matching/rank';
import { progressBar } from '../../src/lib/server/progress';
import { generateOrganizations, mulberry32 } from './generate';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
	if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
	return v;
}

const ORGS = arg('orgs', 100_000);
const SAMPLES = arg('samples', 1000);
const SEED = arg('seed', 20260501);
const AGREEMENT = arg('agreement', 100);
const CHUNK = 5000;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-bench-'));
	const external = process.env.DATABASE_URL;
	const server = external ? null : await startEmbeddedPostgres({ dataDir: dir, log: () => {} });
	const baseUrl = external ?? server!.url;
	const dbName = `tashbik_bench_${process.pid}`;
	const admin = new pg.Client({ connectionString: baseUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${dbName}`);
	const url = new URL(baseUrl);
	url.pathname = `/${dbName}`;
	const db = createDb(url.toString(), { max: 2, appName: 'tashbik-bench' });
	try {
		await migrate(db, path.resolve('db/migrations'));
		await syncTaxonomy(db);

		const started = Date.now();
		const orgs = generateOrganizations(ORGS, SEED);
		const bar = progressBar(`bench: insert ${ORGS} organizations`, ORGS);
		for (let i = 0; i < orgs.length; i += CHUNK) {
			const chunk = orgs.slice(i, i + CHUNK);
			await db.tx((client) => insertOrganizations(client, chunk));
			// Fresh statistics as the tables grow, so the triggers' lookups keep using indexes.
			if ((i / CHUNK) % 4 === 0) await db.query('ANALYZE');
			bar.tick(chunk.length);
		}
		bar.done();
		// What autovacuum does on a live server: statistics, and the visibility map that lets the
		// posting reads stay index-only.
		await db.query('VACUUM ANALYZE');
		const listings = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM listings'))
			.rows[0].n;
		process.stdout.write(
			`generated ${ORGS} organizations, ${listings} offers and needs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
		);

		const published = orgs.filter((o) => o.status === 'published');
		const rand = mulberry32(SEED + 1);
		const sample = Array.from(
			{ length: SAMPLES },
			() => published[Math.floor(rand() * published.length)]
		);
		// Warm the caches the way a running server has them warm.
		for (const o of sample.slice(0, 50))
			await rankSuggestions(db, o.id!, {}, { offset: 0, limit: 10 });

		const times: number[] = [];
		let empty = 0;
		const timing = progressBar('bench: suggestions', SAMPLES);
		for (const o of sample) {
			const t0 = performance.now();
			const { items } = await rankSuggestions(db, o.id!, {}, { offset: 0, limit: 10 });
			times.push(performance.now() - t0);
			if (items.length === 0) empty++;
			timing.tick();
		}
		timing.done();
		const filtered: number[] = [];
		for (const o of sample.slice(0, 200)) {
			const t0 = performance.now();
			await rankSuggestions(
				db,
				o.id!,
				{ kind: 'cooperative', province: 'berkane' },
				{ offset: 0, limit: 10 }
			);
			filtered.push(performance.now() - t0);
		}
		const report = (label: string, xs: number[]) => {
			const s = [...xs].sort((a, b) => a - b);
			const mean = s.reduce((a, b) => a + b, 0) / s.length;
			process.stdout.write(
				`${label}: n=${s.length} p50=${percentile(s, 50).toFixed(1)} ms p95=${percentile(s, 95).toFixed(1)} ms p99=${percentile(s, 99).toFixed(1)} ms max=${s[s.length - 1].toFixed(1)} ms mean=${mean.toFixed(1)} ms\n`
			);
			return percentile(s, 95);
		};
		process.stdout.write(
			`\nmatching at ${ORGS} organizations (${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, Node ${process.version})\n`
		);
		const p95 = report('suggestions, first page of 10', times);
		report('with filters (cooperatives in Berkane)', filtered);
		process.stdout.write(`organizations with no suggestion: ${empty} of ${SAMPLES}\n`);

		// How much the bounded reading of postings changes the answer: the same first page scored
		// over every published organization (slow: this is what the postings avoid).
		let sameIds = 0;
		let sameScores = 0;
		let positions = 0;
		const agreement = sample.slice(0, AGREEMENT);
		const check = progressBar('bench: agreement with exhaustive scoring', agreement.length);
		for (const o of agreement) {
			const page = { offset: 0, limit: 10 };
			const fast = (await rankSuggestions(db, o.id!, {}, page)).items;
			const exact = (await rankSuggestions(db, o.id!, {}, page, { exhaustive: true })).items;
			const exactIds = new Set(exact.map((x) => x.id));
			sameIds += fast.filter((x) => exactIds.has(x.id)).length;
			exact.forEach((x, i) => {
				const f = fast[i];
				if (f && f.tier === x.tier && Math.abs(f.score - x.score) < 0.05) sameScores++;
			});
			positions += exact.length;
			check.tick();
		}
		check.done();
		process.stdout.write(
			`agreement with exhaustive scoring (${agreement.length} organizations, first page): same organizations ${((100 * sameIds) / positions).toFixed(1)}%, same tier and score at each rank ${((100 * sameScores) / positions).toFixed(1)}%\n`
		);
		process.stdout.write(`target p95 < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'}\n`);
	} finally {
		await db.end();
		await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
		await admin.end();
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	}
}

main().catch((err) => {
	process.stderr.write(`bench:matching failed: ${(err as Error).stack ?? err}\n`);
	process.exit(1);
});
