import { test as base, expect, type Page, type BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export { expect };

/** Waits until the root layout has hydrated (set in onMount), so clicks reach Svelte handlers. */
export async function hydrated(page: Page) {
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** Signs a context in through the guarded test route (the auth tests use the real forms). */
export async function signInAs(
	context: BrowserContext,
	baseURL: string,
	user: {
		email: string;
		displayName?: string;
		role?: 'member' | 'staff' | 'admin';
		locale?: 'ar' | 'fr' | 'en';
	}
) {
	const res = await context.request.post('/api/test/session', {
		data: user,
		headers: { origin: baseURL }
	});
	expect(res.ok()).toBe(true);
	const { cookie, userId } = await res.json();
	await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseURL }]);
	return userId as string;
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
	).toEqual([]);
}

/** Nothing wider than the viewport (a 360 px phone must not scroll sideways). */
export async function expectNoHorizontalScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

export const test = base;
