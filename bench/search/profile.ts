// npm run bench:search:profile (ROUNDS=5, INDEX_UID=organizations): each benchmark query, sent a
// few times straight to the Meilisearch of the bench's data directory (start the server on it
// first, e.g. DATA_DIR=<tmp>/tashbik-bench-search node server.js), printing the median wall time,
// Meilisearch's own processing time per sub-query and the size of the answer: which queries, and
// which parts of them, cost.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { QUERIES, meiliRequest } from './queries';
import { request } from './load';

const dataDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'tashbik-bench-search');
const state = JSON.parse(await readFile(path.join(dataDir, 'meili/state.json'), 'utf8'));
const key = (await readFile(path.join(dataDir, 'meili/master-key'), 'utf8')).trim();
const base = new URL(`http://127.0.0.1:${state.port}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const uid = process.env.INDEX_UID ?? 'organizations';
const rounds = Number(process.env.ROUNDS ?? 5);

let totalWall = 0;
for (const q of QUERIES) {
	const spec = meiliRequest(q, uid, key);
	const walls: number[] = [];
	let processing: number[] = [];
	let bytes = 0;
	for (let i = 0; i < rounds; i++) {
		const t0 = performance.now();
		const res = await request(base, agent, spec);
		walls.push(performance.now() - t0);
		const text = res.body.toString('utf8');
		const body = JSON.parse(text) as { results?: { processingTimeMs: number }[] };
		if (!body.results) throw new Error(text);
		processing = body.results.map((r) => r.processingTimeMs);
		bytes = res.body.length;
	}
	walls.sort((a, b) => a - b);
	const median = walls[Math.floor(walls.length / 2)];
	totalWall += median;
	process.stdout.write(
		`${median.toFixed(1).padStart(6)} ms  ${processing.join('+').padEnd(10)} ${String(Math.round(bytes / 1024)).padStart(4)} kB  ${JSON.stringify(q)}\n`
	);
}
process.stdout.write(`mean ${(totalWall / QUERIES.length).toFixed(1)} ms per query\n`);
agent.destroy();
