import type { Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectNoHorizontalScroll } from './fixtures';

const uniqueEmail = () => `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.ma`;
const PASSWORD = 'Tisserandes-de-Jerada-2026';

/** Fills the Arabic sign-up form (the page must be open on /sign-up) and submits it. */
async function submitSignUp(page: Page, name: string, email: string, password = PASSWORD) {
	await page.getByLabel('الاسم الكامل').fill(name);
	await page.getByLabel('البريد الإلكتروني').fill(email);
	await page.getByLabel('كلمة المرور').fill(password);
	await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
}

test('sign up in Arabic, switch to French, sign out and back in', async ({ page }) => {
	const email = uniqueEmail();
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await hydrated(page);
	await page.getByRole('link', { name: 'إنشاء حساب' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('إنشاء حساب');
	await expectAccessible(page);

	await submitSignUp(page, 'فاطمة الزهراء', email, 'password1');
	// A common password is refused with advice in Arabic.
	await expect(page.getByText('كلمة المرور هذه سهلة التخمين.')).toBeVisible();
	await expect(page.getByLabel('البريد الإلكتروني')).toHaveValue(email);

	await page.getByLabel('كلمة المرور').fill(PASSWORD);
	await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
	await expect(page.getByText('مرحبًا، فاطمة الزهراء')).toBeVisible();
	// The socket connects once signed in: the live count of people online appears.
	await expect(page.getByTestId('presence')).toContainText('متصل الآن');

	await page.getByRole('button', { name: 'Français' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByText('Bienvenue, فاطمة الزهراء')).toBeVisible();
	await expectAccessible(page);

	await hydrated(page);
	await page.locator('summary').click();
	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill('wrong-password-here');
	await page.getByRole('button', { name: 'Se connecter' }).last().click();
	await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).last().click();
	// The language chosen while signed in was kept in the account.
	await expect(page.getByText('Bienvenue, فاطمة الزهراء')).toBeVisible();
});

test('signing in on a French page with an Arabic account turns the whole page Arabic, right to left', async ({
	browser,
	baseURL
}) => {
	// The account: made in Arabic (its language is kept in the account).
	const email = uniqueEmail();
	const arabic = await browser.newContext({ baseURL, locale: 'ar-MA' });
	const first = await arabic.newPage();
	await first.goto('/sign-up');
	await hydrated(first);
	await submitSignUp(first, 'خديجة', email);
	await expect(first.getByText('مرحبًا، خديجة')).toBeVisible();
	await arabic.close();

	// Another device whose browser speaks French: the sign-in page is French, left to right.
	const french = await browser.newContext({ baseURL, locale: 'fr-FR' });
	const page = await french.newPage();
	await page.goto('/sign-in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await hydrated(page);
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).last().click();
	// Not French words in a right-to-left page, nor Arabic in a left-to-right one: all Arabic.
	await expect(page.getByText('مرحبًا، خديجة')).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('link', { name: 'الدليل' }).first()).toBeVisible();
	await french.close();
});

test('sign-in works without JavaScript', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('البريد الإلكتروني').fill('fatima@tashbik.ma');
	await page.getByLabel('كلمة المرور').fill('Oujda-Demo-2026!');
	await page.getByRole('button', { name: 'دخول' }).click();
	await expect(page.getByText('مرحبًا، فاطمة الزهراء بنعلي')).toBeVisible();
	await context.close();
});

test('the socket is refused without a session', async ({ page }) => {
	await page.goto('/');
	const answer = await page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const ws = new WebSocket(
					`${location.origin.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`
				);
				ws.onmessage = (e) => {
					if (String(e.data).startsWith('0')) ws.send('40');
					else if (String(e.data).startsWith('44')) resolve(String(e.data));
				};
				ws.onerror = () => resolve('error');
			})
	);
	expect(answer).toContain('unauthorized');
});

test('pages fit a 360 px phone and pass axe', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		baseURL,
		locale: 'ar-MA'
	});
	const page = await context.newPage();
	for (const path of ['/', '/sign-in', '/sign-up', '/forgot-password']) {
		await page.goto(path);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);
	}
	await context.close();
});

test('an Arabic page draws its text in Noto Sans Arabic from the small cut of the font', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ baseURL, locale: 'ar-MA' });
	const page = await context.newPage();
	const fonts: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'font') fonts.push(new URL(r.url()).pathname.split('/').pop()!);
	});
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	// font-display: optional may leave the first page to the fallback on a slow link; here the
	// font is on localhost, and once loaded, the text is in it.
	await expect
		.poll(() => page.evaluate(() => document.fonts.check('16px "Noto Sans Arabic"', 'تعاونية')))
		.toBe(true);
	const family = await page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily);
	expect(family).toMatch(/^"?Noto Sans Arabic"?,/);
	// The Arabic block comes from our ~21 kB files; fontsource's 49 kB file only for rarer letters,
	// and Latin words, digits and signs from the phone's own font: no other font file.
	expect(fonts.some((f) => f.startsWith('noto-sans-arabic-core-'))).toBe(true);
	expect(fonts.filter((f) => !f.startsWith('noto-sans-arabic-core-'))).toEqual([]);
	await context.close();
});

test('French from Accept-Language, and health is green', async ({ browser, baseURL, request }) => {
	const context = await browser.newContext({ locale: 'fr-FR', baseURL });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await context.close();
	const health = await (await request.get('/healthz')).json();
	expect(health).toEqual({ status: 'ok', database: 'up', search: 'up', realtime: 'up' });
});

test('a foreign origin cannot call tRPC mutations', async ({ request }) => {
	const res = await request.post('/api/trpc/auth.setLocale', {
		data: { locale: 'fr' },
		headers: { origin: 'https://evil.example' }
	});
	expect(res.status()).toBe(403);
});

test('password reset from the e-mail link', async ({ page, request }) => {
	const email = uniqueEmail();
	await page.goto('/sign-up');
	await hydrated(page);
	await submitSignUp(page, 'Nadia', email);
	await expect(page.getByText('مرحبًا، Nadia')).toBeVisible();
	await page.context().clearCookies();

	await page.goto('/forgot-password');
	await page.getByLabel('البريد الإلكتروني').fill(email);
	await page.getByRole('button', { name: 'أرسل الرابط' }).click();
	await expect(page.getByRole('status')).toContainText('أرسلنا');
	const mail = await (await request.get(`/api/test/mail?to=${encodeURIComponent(email)}`)).json();
	const link = /http\S+reset-password\/\S+/.exec(mail.text)![0];
	await page.goto(link);
	await page.getByLabel('كلمة المرور').fill('Un-nouveau-secret-de-Nador-9');
	await page.getByRole('button', { name: 'احفظ كلمة المرور' }).click();
	await expect(page.getByText('تم تغيير كلمة المرور')).toBeVisible();
	await page.getByLabel('البريد الإلكتروني').fill(email);
	await page.getByLabel('كلمة المرور').fill('Un-nouveau-secret-de-Nador-9');
	await page.getByRole('button', { name: 'دخول' }).click();
	await expect(page.getByText('مرحبًا، Nadia')).toBeVisible();
});
