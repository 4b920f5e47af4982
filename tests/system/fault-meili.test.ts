import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	eventually,
	makeOwners,
	sleep,
	startApp,
	startServices,
	trpc,
	type AppNode,
	type Services
} from '../helpers/system';

/**
 * Item 4a: Meilisearch is SIGKILLed while searches and profile edits flow through the built
 * server. Searches keep answering (from PostgreSQL, `degraded: true`, never a 500), edits keep
 * succeeding; once Meilisearch is back, the index catches up to exactly what the database holds.
 */
let services: Services;
let app: AppNode;
let owners: Awaited<ReturnType<typeof makeOwners>>;
const ORGS = 12;

beforeAll(async () => {
	services = await startServices('tashbik-meili-');
	owners = await makeOwners(services.db, ORGS, 'meili');
	app = await startApp(services);
}, 120_000);

afterAll(async () => {
	await app?.stop();
	await services?.close();
}, 60_000);

const profile = (id: string, i: number, version: number) => ({
	id,
	kind: 'cooperative',
	name: { ar: null, fr: `Coopérative meili ${i}`, en: null },
	description: { ar: null, fr: `Version ${version} de la coopérative ${i}`, en: null },
	sectors: ['agrifood'],
	province: 'taourirt',
	town: 'taourirt'
});

async function meiliDocs() {
	const res = await fetch(
		`${services.meiliUrl}/indexes/organizations/documents?limit=1000&fields=id,description_fr`,
		{ headers: { authorization: `Bearer ${services.meiliKey}` } }
	);
	if (!res.ok) throw new Error(`Meilisearch answered ${res.status}`);
	const { results } = (await res.json()) as {
		results: { id: string; description_fr: string | null }[];
	};
	return new Map(results.map((d) => [d.id, d.description_fr]));
}

async function databaseDocs() {
	const { rows } = await services.db.query<{ id: string; description_fr: string | null }>(
		`SELECT id, description_fr FROM organizations WHERE status = 'published' AND suspended_until IS NULL`
	);
	return new Map(rows.map((r) => [r.id, r.description_fr]));
}

describe('Meilisearch killed under load', () => {
	it('search degrades without errors, edits go on, and the index catches up with nothing lost', async () => {
		// The worker rebuilds the empty index from the database at start.
		await eventually('index built at start', async () =>
			(await meiliDocs()).size === ORGS ? true : undefined
		);

		const searches: { status: number; degraded?: boolean; total?: number }[] = [];
		const edits: { status: number }[] = [];
		const lastWritten = new Map<string, string>();
		let running = true;
		let phase: 'up' | 'down' | 'back' = 'up';
		const seenIn = { up: new Set<boolean>(), down: new Set<boolean>(), back: new Set<boolean>() };

		const searcher = async () => {
			while (running) {
				const at = phase;
				const res = await trpc(app, 'search.organizations', { q: 'coopérative' });
				const data = res.body.result?.data as { degraded: boolean; total: number } | undefined;
				searches.push({ status: res.status, degraded: data?.degraded, total: data?.total });
				if (data && at === phase) seenIn[at].add(data.degraded);
			}
		};
		const editor = async (k: number) => {
			let version = 0;
			while (running) {
				const o = owners[k];
				version++;
				const input = profile(o.orgId, k, version);
				const res = await trpc(app, 'organizations.update', input, {
					cookie: o.cookie,
					mutation: true
				});
				edits.push({ status: res.status });
				if (res.status === 200) lastWritten.set(o.orgId, input.description.fr);
				await sleep(50);
			}
		};
		const load = Promise.all([
			searcher(),
			searcher(),
			...owners.slice(0, 4).map((_, k) => editor(k))
		]);

		await sleep(1500);
		const killedAt = searches.length;
		await services.killMeili();
		phase = 'down';
		await eventually('a degraded answer while Meilisearch is dead', async () =>
			seenIn.down.has(true) ? true : undefined
		);
		await sleep(2000);
		await services.startMeili();
		phase = 'back';
		await eventually(
			'searches answered by Meilisearch again',
			async () => (seenIn.back.has(false) ? true : undefined),
			60_000
		);
		await sleep(500);
		running = false;
		await load;

		// Every request answered, none with an error.
		expect(searches.filter((s) => s.status !== 200)).toEqual([]);
		expect(edits.filter((e) => e.status !== 200)).toEqual([]);
		expect(searches.length).toBeGreaterThan(killedAt);
		// Served by Meilisearch before the kill (a search slower than its 1.5 s budget on a loaded
		// machine may already fall back, which is the point of the fallback).
		expect(seenIn.up.has(false)).toBe(true);
		expect(seenIn.down.has(true)).toBe(true);
		// The degraded answers hold the same organizations.
		expect(new Set(searches.filter((s) => s.degraded).map((s) => s.total))).toEqual(
			new Set([ORGS])
		);
		expect(lastWritten.size).toBe(4);

		// Nothing lost: the index converges on the database, including the last edit of each.
		const db = await databaseDocs();
		for (const [id, description] of lastWritten) expect(db.get(id)).toBe(description);
		await eventually(
			'index equal to the database',
			async () => {
				const docs = await meiliDocs();
				return docs.size === db.size && [...db].every(([id, d]) => docs.get(id) === d)
					? true
					: undefined;
			},
			60_000
		);
		await eventually('outbox drained', async () => {
			const { rows } = await services.db.query<{ n: number }>(
				'SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL'
			);
			return rows[0].n === 0 ? true : undefined;
		});
		expect((await (await fetch(`${app.url}/healthz`)).json()).search).toBe('up');
		process.stdout.write(
			`\nmeili fault: ${searches.length} searches (${searches.filter((s) => s.degraded).length} degraded), ${edits.length} edits, 0 errors\n`
		);
	});
});
