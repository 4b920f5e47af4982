import type { Browser, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, hydrated, signInAs } from './fixtures';

/**
 * Page quality (issue 8, item 6): axe finds no violation at all (every impact; WCAG 2.0/2.1/2.2
 * A and AA, and axe's best practices) on every kind of page, in Arabic (RTL) and French, as a
 * visitor, as a member and as staff. The pages show the demo seed (Fatima's couscous
 * cooperative, her conversation with Youssef, the Beni-Snassen olive oil cluster), so none of
 * them is empty.
 */

const FATIMA = 'fatima@tashbik.ma';
const STAFF = 'staff@tashbik.ma';
const PROFILE = '/o/amal-couscous-taourirt';
const CLUSTER = '/c/zitoune-beni-snassen';

type Lang = 'ar' | 'fr';
type Who = 'visitor' | 'member' | 'staff';

/** Paths, or how to find one (a link on another page whose address matches). */
type Target = string | { from: string; match: RegExp; name: string };

const search = (q: string) => `/search?q=${encodeURIComponent(q)}`;

const PAGES: Record<Who, (lang: Lang) => Target[]> = {
	visitor: (lang) => [
		'/',
		'/search',
		search(lang === 'ar' ? 'الكسكس' : 'couscous'),
		PROFILE,
		'/clusters',
		CLUSTER,
		'/observatory',
		'/sign-in',
		'/sign-up',
		'/forgot-password'
	],
	member: (lang) => [
		'/',
		search(lang === 'ar' ? 'تلفيف' : 'emballage'),
		PROFILE,
		`${PROFILE}/edit`,
		`${PROFILE}/offers`,
		`${PROFILE}/members`,
		`${PROFILE}/connections`,
		`${PROFILE}/suggestions`,
		`${PROFILE}/verification`,
		'/my',
		'/suggestions',
		'/connections',
		'/notifications',
		'/messages',
		{ from: '/messages', match: /^\/messages\/[0-9a-f-]{36}$/, name: 'a conversation' },
		'/clusters',
		CLUSTER,
		'/clusters/new',
		'/observatory',
		'/account',
		'/account/security',
		'/organizations/new'
	],
	staff: () => [
		'/staff',
		'/staff/verification',
		'/staff/reports',
		{ from: '/staff/reports', match: /^\/staff\/reports\/[^/]+\/[^/]+$/, name: 'a report' },
		'/staff/clusters',
		'/staff/observatory',
		'/staff/audit',
		'/account/two-factor'
	]
};

const ACCOUNT: Record<Who, string | undefined> = {
	visitor: undefined,
	member: FATIMA,
	staff: STAFF
};

async function axeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	return results.violations.map(
		(v) =>
			`${v.id} [${v.impact}]: ${v.help} — ${v.nodes
				.slice(0, 5)
				.map((n) => n.target.join(' '))
				.join(' | ')}`
	);
}

async function contextFor(browser: Browser, baseURL: string, lang: Lang, email?: string) {
	const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'ar-MA' });
	await context.addCookies([{ name: 'tashbik_locale', value: lang, url: baseURL }]);
	if (email) await signInAs(context, baseURL, { email, locale: lang });
	return context;
}

/** Karim reports Fatima's cooperative (once), so the staff report queue has an item to open. */
async function fileReport(browser: Browser, baseURL: string) {
	const context = await contextFor(browser, baseURL, 'fr', 'karim@tashbik.ma');
	const html = await (await context.request.get(PROFILE)).text();
	const targetId = html.match(/name="targetId" value="([^"]+)"/)?.[1];
	expect(targetId, 'the profile offers to report it').toBeTruthy();
	// A second report of the same target (the other language's run) is refused; one is enough.
	await context.request.post('/report', {
		form: { targetType: 'organization', targetId: targetId!, reason: 'other', details: 'axe' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	await context.close();
}

/** The first link in `from`'s main content whose address matches (a conversation, a request). */
async function resolve(page: Page, target: Target) {
	if (typeof target === 'string') return target;
	await page.goto(target.from);
	const hrefs = await page
		.locator('main a[href]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.find((h) => target.match.test(h));
}

test.describe.configure({ timeout: 60_000 });

for (const lang of ['ar', 'fr'] as const) {
	for (const who of ['visitor', 'member', 'staff'] as const) {
		for (const target of PAGES[who](lang)) {
			const label = typeof target === 'string' ? target : target.name;
			test(`axe: ${label} (${lang}, ${who}) has no violation`, async ({ browser, baseURL }) => {
				const context = await contextFor(browser, baseURL!, lang, ACCOUNT[who]);
				const page = await context.newPage();
				if (typeof target !== 'string' && target.name === 'a report')
					await fileReport(browser, baseURL!);
				const path = await resolve(page, target);
				expect(
					path,
					`${label} is linked from ${typeof target === 'string' ? '' : target.from}`
				).toBeTruthy();
				const res = await page.goto(path!);
				expect(res?.status()).toBe(200);
				await hydrated(page);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.locator('h1').first()).toBeVisible();
				expect(await axeViolations(page)).toEqual([]);
				await context.close();
			});
		}
	}
}

test('axe: the 404 page has no violation', async ({ page }) => {
	const res = await page.goto('/no-such-page');
	expect(res?.status()).toBe(404);
	expect(await axeViolations(page)).toEqual([]);
});

test('a visitor profile answered from the page cache still has a fresh CSP nonce, used by its script', async ({
	request,
	browser,
	baseURL
}) => {
	const nonces = new Set<string>();
	for (let i = 0; i < 3; i++) {
		const res = await request.get(PROFILE);
		expect(res.status()).toBe(200);
		const nonce = res.headers()['content-security-policy'].match(/'nonce-([^']+)'/)?.[1];
		expect(nonce).toBeTruthy();
		expect(await res.text()).toContain(`nonce="${nonce}"`);
		nonces.add(nonce!);
	}
	expect(nonces.size).toBe(3);
	expect(await (await request.get(PROFILE)).text()).not.toContain('action="/sign-out"');

	// A signed-in person right after: their own page, not the visitors' cached one.
	const context = await contextFor(browser, baseURL!, 'ar', FATIMA);
	const mine = await (await context.request.get(PROFILE)).text();
	expect(mine).toContain('action="/sign-out"');
	await context.close();
});
