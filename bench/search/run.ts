// npm run bench:search [-- --orgs 100000 --port 4290 --requests 3000 --edits 60 --reindex no]
//
// The search benchmark at scale, against the real production server (node server.js) with its
// embedded PostgreSQL and Meilisearch, in a data directory of its own (BENCH_DATA_DIR, default
// <tmp>/tashbik-bench-search; kept between runs so the seed is made once):
//   1. latency of the app's search endpoint (tRPC over HTTP) against Meilisearch's own HTTP search
//      for the very same multi-search, in the same run, at 1 and 20 concurrent clients;
//   2. the time from an edit (committed with its outbox row) to being searchable;
//   3. a full reindex (fresh index, swapped in), with searches running meanwhile.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, ensureBuild, waitUntilHealthy } from '../lib/app-server';
import { bootRuntime } from '../../src/lib/server/runtime';
import { parseEnv } from '../../src/lib/server/env';
import { progressBar } from '../../src/lib/server/progress';
import { reindexOrganizations } from '../../src/lib/server/search/reindex';
import { organizationsIndexUid } from '../../src/lib/server/search/organizations-sync';
import { enqueueSearchSync } from '../../src/lib/server/search/outbox';
import { pooled, runLoad, summarize, type LoadResult, type Stats } from './load';
import { appRequest, meiliRequest, QUERIES } from './queries';

const args = benchArgs();
const ORGS = Number(args.orgs ?? 100_000);
const PORT = Number(args.port ?? 4290);
const REQUESTS = Number(args.requests ?? 3000);
const EDITS = Number(args.edits ?? 60);
const REINDEX = args.reindex !== 'no';
const loadAtStart = os.loadavg();
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'tashbik-bench-search');
const origin = `http://127.0.0.1:${PORT}`;
const say = (line: string) => process.stdout.write(`${line}\n`);
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED: 'never' };

function seed(): number {
	say(`seeding ${ORGS} organizations into ${dataDir} (idempotent; reindexes when it adds any)…`);
	const t0 = performance.now();
	const r = spawnSync(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'scripts/cli/seed.ts', '--orgs', String(ORGS)],
		{ stdio: 'inherit', env }
	);
	if (r.status !== 0) throw new Error('seed failed');
	return (performance.now() - t0) / 1000;
}

async function startServer(): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['server.js'], {
		env: { ...env, PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: origin },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await waitUntilHealthy(origin, server, 120_000);
	return server;
}

const fmt = (s: Stats) =>
	`p50 ${s.p50.toFixed(1)} ms · p95 ${s.p95.toFixed(1)} ms · p99 ${s.p99.toFixed(1)} ms · ${s.perSecond.toFixed(0)} req/s · ${s.errors} errors (${s.requests} ok)`;

async function main() {
	ensureBuild();
	const seedSeconds = seed();
	say('starting the production server…');
	const server = await startServer();
	const runtime = await bootRuntime({ role: 'script', env: parseEnv(env) });
	const { deps } = runtime;
	try {
		const uid = organizationsIndexUid(deps);
		const meili = runtime.embedded.meili!;
		// Settings applied at boot may have started a re-indexing: measure once it is over.
		const busy = await deps.meili.tasks.getTasks({ statuses: ['enqueued', 'processing'] });
		if (busy.results.length) {
			say(`waiting for ${busy.results.length} Meilisearch task(s) to finish…`);
			for (const t of busy.results)
				await deps.meili.tasks.waitForTask(t.uid, { timeout: 3_600_000 });
		}
		const stats = await deps.meili.index(uid).getStats();
		say(`index ${uid}: ${stats.numberOfDocuments} documents`);

		const app = QUERIES.map(appRequest);
		const raw = QUERIES.map((q) => meiliRequest(q, uid, meili.masterKey));
		const appBase = new URL(origin);
		const meiliBase = new URL(meili.url);
		const notDegraded = (body: Buffer) => !body.includes('"degraded":true');
		say('warming up…');
		await runLoad(appBase, app, { total: app.length * 3, concurrency: 4 });
		await runLoad(meiliBase, raw, { total: raw.length * 3, concurrency: 4 });

		const latency: Record<string, { app: Stats; meili: Stats }> = {};
		for (const concurrency of [1, 20]) {
			const total = concurrency === 1 ? Math.min(REQUESTS, 800) : REQUESTS;
			// Interleaved halves, so that a change in the machine's load hits both sides alike.
			const halves = { app: [] as LoadResult[], meili: [] as LoadResult[] };
			for (let round = 0; round < 2; round++) {
				halves.meili.push(await runLoad(meiliBase, raw, { total: total / 2, concurrency }));
				halves.app.push(
					await runLoad(appBase, app, { total: total / 2, concurrency, check: notDegraded })
				);
			}
			latency[`c${concurrency}`] = { app: pooled(halves.app), meili: pooled(halves.meili) };
			const { app: a, meili: m } = latency[`c${concurrency}`];
			say(`\n${concurrency} client(s):`);
			say(`  Meilisearch  ${fmt(m)}`);
			say(`  app (tRPC)   ${fmt(a)}`);
			say(
				`  ratio app/Meilisearch: p50 ${(a.p50 / m.p50).toFixed(2)} · p95 ${(a.p95 / m.p95).toFixed(2)} · p99 ${(a.p99 / m.p99).toFixed(2)}`
			);
		}

		say(`\nedit → searchable (${EDITS} edits, each committed with its outbox row)…`);
		const visibleMs = await editToSearchable(deps, uid);
		const vs = summarize(visibleMs, 0, 1000);
		say(
			`  p50 ${vs.p50.toFixed(0)} ms · p95 ${vs.p95.toFixed(0)} ms · max ${Math.max(...visibleMs).toFixed(0)} ms`
		);

		let reindexResult = null;
		if (REINDEX) reindexResult = await measureReindex(deps, appBase, app, notDegraded);

		const result = {
			date: new Date().toISOString(),
			machine: {
				cpus: os.cpus().length,
				model: os.cpus()[0]?.model,
				memoryGb: Math.round(os.totalmem() / 2 ** 30),
				node: process.version,
				loadAverageAtStart: loadAtStart,
				loadAverageAtEnd: os.loadavg()
			},
			organizations: ORGS,
			documents: stats.numberOfDocuments,
			seedSeconds,
			latency,
			editToSearchableMs: { p50: vs.p50, p95: vs.p95, max: Math.max(...visibleMs) },
			reindex: reindexResult
		};
		await mkdir('bench/results', { recursive: true });
		const file = `bench/results/search-${result.date.slice(0, 19).replace(/:/g, '-')}.json`;
		await writeFile(file, JSON.stringify(result, null, 2));
		say(`\nwritten to ${file}`);
	} finally {
		await runtime.stop();
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
	}
}

async function measureReindex(
	deps: Awaited<ReturnType<typeof bootRuntime>>['deps'],
	appBase: URL,
	app: ReturnType<typeof appRequest>[],
	check: (body: Buffer) => boolean
) {
	say('\nfull reindex (fresh index, swapped in), with 4 clients searching meanwhile…');
	let searching = true;
	const during: LoadResult[] = [];
	const load = (async () => {
		while (searching)
			during.push(await runLoad(appBase, app, { total: 80, concurrency: 4, check }));
	})();
	const reindex = await reindexOrganizations(deps, {
		progress: (label, total) => progressBar(label, total)
	});
	searching = false;
	await load;
	const searchesMeanwhile = pooled(during);
	say(`  ${reindex.documents} documents in ${reindex.seconds.toFixed(1)} s`);
	say(`  searches meanwhile: ${fmt(searchesMeanwhile)}`);
	return { ...reindex, searchesMeanwhile };
}

async function editToSearchable(
	deps: Awaited<ReturnType<typeof bootRuntime>>['deps'],
	uid: string
) {
	const { rows } = await deps.db.query<{ id: string }>(
		`SELECT id FROM organizations WHERE status = 'published' AND suspended_until IS NULL
		 ORDER BY md5(id::text) LIMIT $1`,
		[EDITS]
	);
	const index = deps.meili.index(uid);
	const times: number[] = [];
	for (const [i, { id }] of rows.entries()) {
		const token = `benchedit${Date.now().toString(36)}x${i}`;
		await deps.db.tx(async (client) => {
			await client.query(
				`UPDATE organizations SET name_en = $2, updated_at = now() WHERE id = $1`,
				[id, `Edited ${token}`]
			);
			await enqueueSearchSync(client, 'organization', id);
		});
		const t0 = performance.now();
		for (;;) {
			const res = await index.search(token, { limit: 1, attributesToRetrieve: ['id'] });
			if (res.hits[0]?.id === id) break;
			if (performance.now() - t0 > 60_000) throw new Error(`edit ${i} not searchable after 60 s`);
			await new Promise((r) => setTimeout(r, 5));
		}
		times.push(performance.now() - t0);
		await new Promise((r) => setTimeout(r, 50));
	}
	return times;
}

await main().catch((err) => {
	process.stderr.write(`bench:search failed: ${(err as Error).stack ?? err}\n`);
	process.exitCode = 1;
});
