// Page quality (issue 8, item 6): Lighthouse 12.2.3 (pinned) with Debian's Chromium on the home,
// search, profile, chat and observatory pages, mobile profile (Lighthouse's default: Moto G
// Power, slow 4G, 4× CPU slowdown) and desktop, three runs per page, medians printed against the
// targets. Exit 1 when a median misses a target.
//
//   npm run bench:lighthouse                      # starts the built server with the demo seed
//   npm run bench:lighthouse -- --url http://host # an app already running with the demo seed
//   options: --runs 3 --form mobile|desktop|both --port 4291 --only home,chat --save <dir>
//            --locale ar|fr|en (default ar: the pages as the Arabic reader gets them, fonts included)
//            --cpu 4|auto (mobile CPU slowdown; default Lighthouse's 4×; auto: the multiplier
//            Lighthouse's calculator gives for this host's benchmark index, see cpu.ts)
import lighthouse, { type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
	benchArgs,
	DEMO_PROFILE,
	firstConversation,
	machine,
	signIn,
	startApp
} from '../lib/app-server';
import { calibratedSlowdown } from './cpu';

const args = benchArgs();
const RUNS = Number(args.runs ?? 3);
const FORMS: string[] = (args.form ?? 'both') === 'both' ? ['mobile', 'desktop'] : [args.form!];
const ONLY = args.only?.split(',');
/** A folder to write each page's median report to (JSON, for Lighthouse's viewer). */
const SAVE = args.save;
/** The interface language, sent as the locale cookie (Chromium's Accept-Language alone would say English). */
const LOCALE = args.locale ?? 'ar';
if (!['ar', 'fr', 'en'].includes(LOCALE)) throw new Error('--locale is ar, fr or en');
/** Mobile CPU slowdown: a number, or `auto` to calibrate it from this host's benchmark index. */
const CPU = args.cpu ?? '4';
if (CPU !== 'auto' && !(Number(CPU) >= 1)) throw new Error('--cpu is a number ≥ 1 or auto');
const TARGETS = { performance: 90, accessibility: 95, 'best-practices': 95, seo: 0 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];
const say = (line: string) => process.stdout.write(`${line}\n`);

const config = (form: string) => (form === 'desktop' ? desktopConfig : undefined);

/** Lighthouse's benchmark index of this host: the median of three quick runs of a page. */
async function benchmarkIndex(url: string, port: number): Promise<number> {
	const indexes: number[] = [];
	for (let i = 0; i < 3; i++) {
		const result = await lighthouse(url, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyAudits: ['first-contentful-paint']
		});
		const index = result?.lhr.environment.benchmarkIndex;
		if (index) indexes.push(index);
	}
	return median(indexes);
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
};

async function main() {
	const app = await startApp({ url: args.url, port: Number(args.port ?? 4291), name: 'quality' });
	const chrome = await chromeLauncher.launch({
		chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
	});
	let missed = 0;
	try {
		const cookie = await signIn(app.origin, 'fatima@tashbik.ma');
		const chat = await firstConversation(app.origin, cookie);
		const pages = [
			{ name: 'home', path: '/' },
			{ name: 'search', path: `/search?q=${encodeURIComponent('كسكس')}` },
			{ name: 'profile', path: DEMO_PROFILE },
			{ name: 'chat', path: chat, cookie },
			{ name: 'observatory', path: '/observatory' }
		].filter((p) => !ONLY || ONLY.includes(p.name));
		const m = machine();
		const index = await benchmarkIndex(app.origin + '/', chrome.port);
		const slowdown = CPU === 'auto' ? calibratedSlowdown(index) : Number(CPU);
		say(
			`\nLighthouse 12.2.3 · locale ${LOCALE} · ${m.cpus} · ${m.memory} · Node ${m.node} · load ${m.load}`
		);
		say(
			`benchmark index ${index ? `${Math.round(index)} (Lighthouse's 4× assumes 1500-2000; calibrated slowdown for this host ${calibratedSlowdown(index).toFixed(1)}×)` : 'not measured'} · mobile CPU slowdown used: ${slowdown.toFixed(1)}×`
		);
		say(`${RUNS} runs per page, medians; targets: perf ≥ 90, a11y ≥ 95, best practices ≥ 95\n`);
		say(
			`${'page'.padEnd(12)} ${'form'.padEnd(8)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'BP'.padStart(5)} ${'SEO'.padStart(5)}   runs (perf)   LCP / TBT / CLS (median run)`
		);
		for (const form of FORMS) {
			for (const p of pages) {
				const scores: Record<Category, number[]> = {
					performance: [],
					accessibility: [],
					'best-practices': [],
					seo: []
				};
				const metrics: string[] = [];
				const reports: unknown[] = [];
				const failed = new Set<string>();
				for (let i = 0; i < RUNS; i++) {
					const flags: Flags = {
						port: chrome.port,
						output: 'json',
						logLevel: 'error',
						onlyCategories: CATEGORIES,
						// Merged into the form's throttling settings (desktop keeps its own 1×).
						...(form === 'mobile' ? { throttling: { cpuSlowdownMultiplier: slowdown } } : {}),
						extraHeaders: {
							cookie: [p.cookie, `tashbik_locale=${LOCALE}`].filter(Boolean).join('; ')
						}
					};
					// A trace sometimes comes back broken (NO_NAVSTART) on a busy machine: one retry.
					let result = await lighthouse(app.origin + p.path, flags, config(form));
					if (result?.lhr.runtimeError)
						result = await lighthouse(app.origin + p.path, flags, config(form));
					if (!result) throw new Error(`no result for ${p.path}`);
					const lhr = result.lhr;
					reports.push(lhr);
					if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.message}`);
					for (const c of CATEGORIES)
						scores[c].push(Math.round((lhr.categories[c].score ?? 0) * 100));
					for (const c of CATEGORIES)
						for (const ref of lhr.categories[c].auditRefs) {
							const a = lhr.audits[ref.id];
							if (ref.weight > 0 && a.score !== null && a.score < 0.9 && c !== 'performance')
								failed.add(`${c}: ${a.id}`);
						}
					const au = lhr.audits;
					metrics.push(
						`${((au['largest-contentful-paint'].numericValue ?? 0) / 1000).toFixed(2)} s / ${Math.round(au['total-blocking-time'].numericValue ?? 0)} ms / ${(au['cumulative-layout-shift'].numericValue ?? 0).toFixed(3)}`
					);
				}
				const med = Object.fromEntries(CATEGORIES.map((c) => [c, median(scores[c])])) as Record<
					Category,
					number
				>;
				const medianRun = scores.performance.indexOf(med.performance);
				if (SAVE) {
					await mkdir(SAVE, { recursive: true });
					await writeFile(
						path.join(SAVE, `${p.name}-${form}-${LOCALE}.json`),
						JSON.stringify(reports[medianRun])
					);
				}
				const miss = CATEGORIES.filter((c) => med[c] < TARGETS[c]);
				if (miss.length) missed++;
				say(
					`${p.name.padEnd(12)} ${form.padEnd(8)} ${String(med.performance).padStart(5)} ${String(med.accessibility).padStart(5)} ${String(med['best-practices']).padStart(5)} ${String(med.seo).padStart(5)}   ${scores.performance.join(',').padEnd(13)} ${metrics[medianRun]}${miss.length ? `   MISSED: ${miss.join(', ')}` : ''}`
				);
				for (const f of failed) say(`${''.padEnd(21)}audit below 0.9 — ${f}`);
			}
		}
		say(`\nload average at the end: ${machine().load}`);
	} finally {
		chrome.kill();
		await app.stop();
	}
	if (missed) {
		say(`${missed} page(s) missed a target`);
		process.exit(1);
	}
	say('every page meets the targets');
}

main().catch((err) => {
	process.stderr.write(`${err?.stack ?? err}\n`);
	process.exit(1);
});
