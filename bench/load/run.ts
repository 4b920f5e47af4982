// Load (issue 8, item 7): autocannon at 25 connections for 30 s each against, in one run and one
// server process: a static file (the baseline: sirv serving a precompressed file, no app code),
// the server-rendered profile page of a seeded organization (as a visitor, then signed in), and
// the search endpoint (tRPC over HTTP, varied queries). Prints req/s, p50 / p97.5 / p99, the ratio
// to the static baseline, CPU time per request of the server process (and of the whole tree:
// node, PostgreSQL, Meilisearch), and whether the profile page's p99 is under 100 ms.
//
//   npm run bench:load                          # starts the built server with the demo seed
//   npm run bench:load -- --url http://host     # an app already running with the demo seed
//   options: --connections 25 --seconds 30 --port 4292
import autocannon from 'autocannon';
import { readFileSync, readdirSync } from 'node:fs';
import { benchArgs, DEMO_PROFILE, machine, signIn, startApp } from '../lib/app-server';

const args = benchArgs();
const CONNECTIONS = Number(args.connections ?? 25);
const SECONDS = Number(args.seconds ?? 30);
const say = (line: string) => process.stdout.write(`${line}\n`);

const search = (input: object) =>
	`/api/trpc/search.organizations?input=${encodeURIComponent(JSON.stringify(input))}`;
const SEARCHES = [
	{ q: 'كسكس' },
	{ q: 'زيت الزيتون' },
	{ q: 'couscous' },
	{ q: "huile d'olive" },
	{ q: 'emballage' },
	{ q: 'miel', filters: { province: ['berkane'] } },
	{ q: '', filters: { kind: ['partner'] } },
	{ q: 'coperative' }
].map(search);

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(f[11]) + Number(f[12])) * 10;
	} catch {
		return 0;
	}
}

/** The process and all its descendants (the embedded PostgreSQL's backends, Meilisearch). */
function tree(root: number) {
	const parent = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			/* gone */
		}
	}
	const out = [root];
	for (let i = 0; i < out.length; i++)
		for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
	return out;
}

interface Row {
	name: string;
	rps: number;
	p50: number;
	p975: number;
	p99: number;
	errors: number;
	cpuNode?: number;
	cpuTree?: number;
}

async function run(
	origin: string,
	name: string,
	paths: string[],
	headers: Record<string, string>,
	pid: number | null
): Promise<Row> {
	const pids = pid ? tree(pid) : [];
	const before = pids.map(cpuMs);
	const result = await autocannon({
		url: origin,
		connections: CONNECTIONS,
		duration: SECONDS,
		headers: { 'accept-encoding': 'gzip, br', ...headers },
		requests: paths.map((path) => ({ method: 'GET', path }))
	});
	const after = pids.map(cpuMs);
	const total = result.requests.total;
	const row: Row = {
		name,
		rps: result.requests.average,
		p50: result.latency.p50,
		p975: result.latency.p97_5,
		p99: result.latency.p99,
		errors: result.errors + result.timeouts + result.non2xx
	};
	if (pid && total) {
		row.cpuNode = (after[0] - before[0]) / total;
		row.cpuTree = after.reduce((s, v, i) => s + v - before[i], 0) / total;
	}
	return row;
}

async function main() {
	const app = await startApp({ url: args.url, port: Number(args.port ?? 4292), name: 'quality' });
	const rows: Row[] = [];
	try {
		const cookie = await signIn(app.origin, 'fatima@tashbik.ma');
		// Every target answers 200 before the clock starts (and warms the caches once).
		for (const path of ['/favicon.svg', DEMO_PROFILE, ...SEARCHES]) {
			const res = await fetch(app.origin + path);
			if (!res.ok) throw new Error(`${path} answered ${res.status}`);
		}
		const m = machine();
		say(`\nautocannon · ${CONNECTIONS} connections · ${SECONDS} s each · ${m.cpus} · ${m.memory}`);
		say(`Node ${m.node} · load average at start ${m.load}\n`);
		const pid = app.server?.pid ?? null;
		rows.push(await run(app.origin, 'static file (baseline)', ['/favicon.svg'], {}, pid));
		rows.push(await run(app.origin, 'profile page, visitor', [DEMO_PROFILE], {}, pid));
		rows.push(await run(app.origin, 'profile page, signed in', [DEMO_PROFILE], { cookie }, pid));
		rows.push(await run(app.origin, 'search (tRPC, 8 queries)', SEARCHES, {}, pid));
		const base = rows[0];
		say(
			`${'target'.padEnd(26)} ${'req/s'.padStart(7)} ${'p50'.padStart(6)} ${'p97.5'.padStart(6)} ${'p99'.padStart(6)} ${'errors'.padStart(6)}  ${'÷ static (req/s · p99)'.padEnd(22)}  CPU ms/req (node · tree)`
		);
		for (const r of rows) {
			const ratio = `${(base.rps / r.rps).toFixed(1)}× fewer · ${(r.p99 / Math.max(base.p99, 1)).toFixed(1)}×`;
			say(
				`${r.name.padEnd(26)} ${r.rps.toFixed(0).padStart(7)} ${`${r.p50}`.padStart(6)} ${`${r.p975}`.padStart(6)} ${`${r.p99}`.padStart(6)} ${String(r.errors).padStart(6)}  ${(r === base ? '—' : ratio).padEnd(22)}  ${r.cpuNode === undefined ? 'n/a' : `${r.cpuNode.toFixed(2)} · ${r.cpuTree!.toFixed(2)}`}`
			);
		}
		say('(latencies in ms)');
		say(`\nload average at the end ${machine().load}`);
		const profile = rows[1];
		const ok = profile.p99 < 100 && rows.every((r) => r.errors === 0);
		say(
			`profile page p99 ${profile.p99} ms: ${profile.p99 < 100 ? 'under' : 'NOT under'} the 100 ms target${rows.some((r) => r.errors) ? '; some requests failed' : ''}`
		);
		process.exitCode = ok ? 0 : 1;
	} finally {
		await app.stop();
	}
}

main().catch((err) => {
	process.stderr.write(`${err?.stack ?? err}\n`);
	process.exit(1);
});
