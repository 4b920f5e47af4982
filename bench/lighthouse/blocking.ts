// Blocking time measured in the page itself, a steadier figure than Lighthouse's TBT for
// comparing two builds: Chromium with the CPU slowed 4x through the DevTools protocol, loopback
// network, cold cache; the sum over long tasks after first contentful paint of their time beyond
// 50 ms. Runs the given origins in turn (interleaved, so that a change in the machine's load
// hits each alike) and prints the medians.
//
//   npx tsx bench/lighthouse/blocking.ts http://127.0.0.1:4291 [http://127.0.0.1:4330 …]
//   options (environment): BLOCKING_PATH=/search?q=… BLOCKING_LOCALE=ar|fr|en BLOCKING_RUNS=8
import { chromium } from '@playwright/test';

const origins = process.argv.slice(2);
if (!origins.length)
	throw new Error('give one or more origins of running apps (with the demo seed)');
const PATH = process.env.BLOCKING_PATH ?? `/search?q=${encodeURIComponent('كسكس')}`;
const LOCALE = process.env.BLOCKING_LOCALE ?? 'ar';
const RUNS = Number(process.env.BLOCKING_RUNS ?? 8);

interface Run {
	fcp: number;
	blocking: number;
}
declare global {
	interface Window {
		__longTasks: [number, number][];
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox']
	});
	const runs = new Map<string, Run[]>(origins.map((o) => [o, []]));
	for (let r = 0; r < RUNS; r++)
		for (const origin of origins) {
			const context = await browser.newContext({
				viewport: { width: 412, height: 823 },
				isMobile: true,
				hasTouch: true
			});
			await context.addCookies([{ name: 'tashbik_locale', value: LOCALE, url: origin }]);
			await context.addInitScript(() => {
				window.__longTasks = [];
				new PerformanceObserver((list) => {
					for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
				}).observe({ type: 'longtask', buffered: true });
			});
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
			await page.goto(origin + PATH, { waitUntil: 'load' });
			await page.waitForTimeout(3000);
			runs.get(origin)!.push(
				await page.evaluate(() => {
					const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
					const blocking = window.__longTasks
						.filter(([start]) => start >= fcp)
						.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
					return { fcp: Math.round(fcp), blocking: Math.round(blocking) };
				})
			);
			await context.close();
		}
	await browser.close();
	console.log(`${PATH} (${LOCALE}), CPU 4x, ${RUNS} runs each, medians:`);
	for (const [origin, list] of runs)
		console.log(
			`${origin}  blocking ${median(list.map((r) => r.blocking))} ms  FCP ${median(list.map((r) => r.fcp))} ms  runs ${list.map((r) => r.blocking).join(',')}`
		);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
