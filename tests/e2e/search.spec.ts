import type { Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectNoHorizontalScroll } from './fixtures';

/** The search page: typing, facets, a profile link, the back button; in Arabic and in French. */

const results = (page: Page) => page.locator('ol.hits > li');

async function typeQuery(page: Page, label: string, text: string) {
	const box = page.getByLabel(label);
	await box.click();
	await box.pressSequentially(text, { delay: 40 });
}

test('Arabic: type a query, narrow to a province, open a profile, come back', async ({ page }) => {
	await page.goto('/');
	await hydrated(page);
	await page
		.getByRole('navigation', { name: 'التنقل الرئيسي' })
		.getByRole('link', { name: 'الدليل' })
		.click();
	await expect(page).toHaveURL(/\/search$/);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ابحث عن التعاونيات والشركاء');
	await hydrated(page);

	// Results follow the typing, without a button, and the URL carries the query.
	await typeQuery(page, 'عن ماذا تبحث؟', 'الكسكس');
	await expect(page).toHaveURL(/[?&]q=%D8%A7%D9%84%D9%83%D8%B3%D9%83%D8%B3/);
	await expect(page.getByRole('status').filter({ hasText: 'النتائج:' })).toBeVisible();
	await expect(results(page).first()).toContainText('كسكس');
	await expect(page.locator('ol.hits mark').first()).toBeVisible();
	await expect(page.getByLabel('عن ماذا تبحث؟')).toBeFocused();

	await page.getByRole('checkbox', { name: /إقليم تاوريرت/ }).check();
	await expect(page).toHaveURL(/province=taourirt/);
	await expect(page.getByRole('link', { name: 'أزل الفلتر: إقليم تاوريرت' })).toBeVisible();
	const count = await results(page).count();
	expect(count).toBeGreaterThan(0);
	for (let i = 0; i < count; i++) await expect(results(page).nth(i)).toContainText('تاوريرت');
	await expectAccessible(page);

	const first = results(page).first().getByRole('heading').getByRole('link');
	const href = await first.getAttribute('href');
	expect(href).toMatch(/^\/o\/[a-z0-9-]+$/);
	await first.click();
	await expect(page).toHaveURL(new RegExp(`${href}$`));

	// Back: the same search, the same filter, the same words in the box.
	await page.goBack();
	await expect(page).toHaveURL(/province=taourirt/);
	await expect(page.getByLabel('عن ماذا تبحث؟')).toHaveValue('الكسكس');
	await expect(page.getByRole('checkbox', { name: /إقليم تاوريرت/ })).toBeChecked();
});

test('French: the same, with distance sort and pages', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL, locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/search');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await hydrated(page);

	await page
		.getByRole('navigation', { name: 'Pages de résultats' })
		.getByRole('link', { name: 'Page 2', exact: true })
		.click();
	await expect(page).toHaveURL(/page=2/);
	await expect(page.getByRole('link', { name: 'Page 2', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);

	await typeQuery(page, 'Que cherchez-vous ?', "huile d'olive");
	await expect(page).toHaveURL(/q=huile\+d%27olive/);
	await expect(page).not.toHaveURL(/page=/);
	await expect(results(page).first()).toContainText(/huile/i);

	await page.getByRole('checkbox', { name: /Province de Berkane/ }).check();
	await expect(page).toHaveURL(/province=berkane/);
	await expect(results(page).first()).toContainText('Berkane');

	await page.getByLabel('Trier par').selectOption('distance');
	await expect(page).toHaveURL(/sort=distance/);
	await page.getByLabel('Distance depuis').selectOption('berkane');
	await expect(page).toHaveURL(/near=berkane/);
	await expect(results(page).first()).toContainText(/\d+(,\d)? km/);

	const first = results(page).first().getByRole('heading').getByRole('link');
	const href = await first.getAttribute('href');
	expect(href).toMatch(/^\/o\/[a-z0-9-]+$/);
	await first.click();
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await context.close();
});

test('works without JavaScript, as a GET form', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/search');
	await page.getByLabel('عن ماذا تبحث؟').fill('emballage');
	await page.getByRole('button', { name: 'ابحث', exact: true }).click();
	await expect(page).toHaveURL(/q=emballage/);
	await expect(results(page).first()).toBeVisible();
	await page.getByText('الفلاتر', { exact: true }).click();
	await page.getByRole('checkbox', { name: /عمالة وجدة أنكاد/ }).check();
	await page.getByRole('button', { name: 'طبّق الفلاتر' }).click();
	await expect(page).toHaveURL(/province=oujda_angad/);
	await expect(page.getByRole('link', { name: /تعاونية الشرق للتلفيف والتعبئة/ })).toBeVisible();
	await context.close();
});

test('a helpful empty state, and the page fits a phone', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto('/search?q=qqqzzzxxx&province=figuig');
	await expect(page.getByRole('heading', { name: 'لا توجد منظمة تطابق بحثك' })).toBeVisible();
	await expect(page.getByText('بعض الفلاتر مفعلة')).toBeVisible();
	await expectNoHorizontalScroll(page);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'كسكس', exact: true }).click();
	await expect(results(page).first()).toBeVisible();
	await expectNoHorizontalScroll(page);
	await expectAccessible(page);
	await context.close();
});

test('on a phone, filters from a shared link stay while typing; the panel lists them when opened', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto('/search?province=taourirt&women_led=1');
	await hydrated(page);
	const panel = page.locator('details.filters');
	await expect(panel).not.toHaveAttribute('open');

	// The closed panel's options are not built in the browser, yet the filters are kept.
	await typeQuery(page, 'عن ماذا تبحث؟', 'كسكس');
	await expect(page).toHaveURL(/[?&]q=%D9%83%D8%B3%D9%83%D8%B3/);
	await expect(page).toHaveURL(/province=taourirt/);
	await expect(page).toHaveURL(/women_led=1/);
	await expect(page.getByLabel('عن ماذا تبحث؟')).toBeFocused();
	await expect(page.getByRole('link', { name: 'أزل الفلتر: إقليم تاوريرت' })).toBeVisible();

	await page.getByRole('heading', { name: 'الفلاتر' }).click();
	await expect(page.getByRole('checkbox', { name: /إقليم تاوريرت/ })).toBeChecked();
	await page.getByRole('checkbox', { name: /إقليم تاوريرت/ }).uncheck();
	await expect(page).not.toHaveURL(/province=/);
	await expect(page).toHaveURL(/women_led=1/);
	await expectNoHorizontalScroll(page);
	await context.close();
});
