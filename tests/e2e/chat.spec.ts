import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
	test,
	expect,
	hydrated,
	signInAs,
	expectAccessible,
	expectNoHorizontalScroll
} from './fixtures';

const unique = (name: string) =>
	`${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.ma`;

/** Two people of two connected cooperatives, each in their own browser context. */
async function twoPeople(
	browser: Browser,
	baseURL: string,
	viewportB?: { width: number; height: number },
	messages = 0
) {
	const ctxA = await browser.newContext({ locale: 'ar-MA' });
	const ctxB = await browser.newContext({
		locale: 'ar-MA',
		...(viewportB ? { viewport: viewportB } : {})
	});
	const a = await signInAs(ctxA, baseURL, { email: unique('fatima'), displayName: 'فاطمة' });
	const b = await signInAs(ctxB, baseURL, { email: unique('karim'), displayName: 'Karim' });
	const res = await ctxA.request.post('/api/test/chat', {
		data: { a: [a], b: [b], messages },
		headers: { origin: baseURL }
	});
	expect(res.ok()).toBe(true);
	const { conversationId, orgA, orgB } = (await res.json()) as {
		conversationId: string;
		orgA: string;
		orgB: string;
	};
	return { ctxA, ctxB, conversationId, orgA, orgB };
}

async function openConversation(ctx: BrowserContext, id: string) {
	const page = await ctx.newPage();
	await page.goto(`/messages/${id}`);
	await hydrated(page);
	// Live once the socket joined: the other side's presence line is filled in.
	await expect(page.getByTestId('chat-online')).not.toBeEmpty();
	return page;
}

async function send(page: Page, text: string) {
	await page.getByTestId('composer').fill(text);
	await page.getByTestId('composer').press('Enter');
}

const texts = (page: Page) => page.getByTestId('message').locator('.body');

test('A sends, B sees it at once and B’s unread badge moves', async ({ browser, baseURL }) => {
	const { ctxA, ctxB, conversationId } = await twoPeople(browser, baseURL!);
	const b = await ctxB.newPage();
	await b.goto('/');
	await hydrated(b);
	await expect(b.getByTestId('nav-messages')).toBeVisible();
	await expect(b.getByTestId('unread-badge')).toHaveCount(0);

	const a = await openConversation(ctxA, conversationId);
	await send(a, 'السلام عليكم، هل عندكم كسكس الشعير؟');
	await expect(texts(a).last()).toHaveText('السلام عليكم، هل عندكم كسكس الشعير؟');
	await expect(a.getByTestId('outgoing')).toHaveCount(0);

	// B is on another page: the header badge counts it, live.
	await expect(b.getByTestId('unread-badge')).toContainText('1');
	await b.getByTestId('nav-messages').click();
	await expect(b.getByTestId('inbox')).toContainText('كسكس الشعير');
	await expect(b.getByTestId('conversation-unread')).toBeVisible();
	await expectAccessible(b);
	await b.getByTestId('inbox').getByRole('link').first().click();
	await expect(texts(b).last()).toHaveText('السلام عليكم، هل عندكم كسكس الشعير؟');
	await expect(b.getByTestId('message').last()).toHaveAttribute('data-state', 'ok');
	await expect(texts(b).last()).toHaveAttribute('dir', 'auto');
	// Reading it clears the badge.
	await expect(b.getByTestId('unread-badge')).toHaveCount(0);

	// Enter sends; Shift+Enter makes a new line.
	await b.getByTestId('composer').fill('Oui, 20 kg');
	await b.getByTestId('composer').press('Shift+Enter');
	await b.getByTestId('composer').pressSequentially('prix: 35 DH/kg');
	await b.getByTestId('composer').press('Enter');
	await expect(texts(a).last()).toHaveText('Oui, 20 kg\nprix: 35 DH/kg');
	await expect(a.getByTestId('chat-online')).toContainText('Karim');
	await expectAccessible(a);
	await ctxA.close();
	await ctxB.close();
});

test('B offline misses nothing: three messages arrive once and in order; what B wrote offline goes out on reconnect', async ({
	browser,
	baseURL
}) => {
	// B is on a phone, in Arabic (right to left).
	const { ctxA, ctxB, conversationId } = await twoPeople(browser, baseURL!, {
		width: 360,
		height: 740
	});
	const a = await openConversation(ctxA, conversationId);
	const b = await openConversation(ctxB, conversationId);
	await send(a, 'قبل الانقطاع');
	await expect(texts(b).last()).toHaveText('قبل الانقطاع');

	await ctxB.setOffline(true);
	await expect(b.getByTestId('chat-offline')).toBeVisible();
	for (const text of ['واحد', 'اثنان', 'ثلاثة']) {
		await send(a, text);
		await expect(a.getByTestId('outgoing')).toHaveCount(0);
	}
	await expect(texts(b)).toHaveText(['قبل الانقطاع']);

	await ctxB.setOffline(false);
	await expect(texts(b)).toHaveText(['قبل الانقطاع', 'واحد', 'اثنان', 'ثلاثة']);
	// Still exactly once each after the catch-up settles.
	await b.waitForTimeout(500);
	await expect(texts(b)).toHaveText(['قبل الانقطاع', 'واحد', 'اثنان', 'ثلاثة']);

	// B writes while offline: shown as pending, sent on reconnect, received once by A.
	await ctxB.setOffline(true);
	await expect(b.getByTestId('chat-offline')).toBeVisible();
	await send(b, 'كتبتها دون اتصال');
	await expect(b.getByTestId('outgoing')).toContainText('قيد الإرسال');
	// Kept in the browser too, so a reload before reconnecting would not lose it.
	expect(
		await b.evaluate(() =>
			localStorage.getItem(
				Object.keys(localStorage).find((k) => k.startsWith('tashbik.chat.outbox.'))!
			)
		)
	).toContain('كتبتها دون اتصال');
	await b.waitForTimeout(300);
	await expect(texts(a)).not.toContainText(['كتبتها دون اتصال']);
	await ctxB.setOffline(false);
	await expect(b.getByTestId('outgoing')).toHaveCount(0);
	await expect(texts(b).last()).toHaveText('كتبتها دون اتصال');
	await expect(texts(a)).toHaveText(['قبل الانقطاع', 'واحد', 'اثنان', 'ثلاثة', 'كتبتها دون اتصال']);

	await expectNoHorizontalScroll(b);
	await expectAccessible(b);
	await ctxA.close();
	await ctxB.close();
});

test('an organization that is not connected cannot be written to, and the page says why', async ({
	browser,
	baseURL
}) => {
	const { ctxA, conversationId, orgA, orgB } = await twoPeople(browser, baseURL!);
	// "Send a message" from a profile: connected, it opens the one direct conversation.
	const fromA = await ctxA.newPage();
	await fromA.goto(`/messages/with/${orgB}`);
	await expect(fromA).toHaveURL(new RegExp(`/messages/${conversationId}$`));
	const stranger = await browser.newContext({ locale: 'ar-MA' });
	await signInAs(stranger, baseURL!, { email: unique('stranger') });
	const page = await stranger.newPage();
	const res = await page.goto(`/messages/${conversationId}`);
	expect(res?.status()).toBe(404);
	await page.goto('/messages');
	await expect(page.getByTestId('inbox-empty')).toBeVisible();
	await page.goto(`/messages/with/${orgA}`);
	await expect(page.getByTestId('direct-status')).toHaveText(
		'انضم إلى مؤسسة أو أنشئ واحدة لتتمكن من المراسلة.'
	);
	await expectAccessible(page);
	await ctxA.close();
	await stranger.close();
});

test('edit and delete own messages, report, and a moderator’s hide, all live on the other side', async ({
	browser,
	baseURL
}) => {
	const { ctxA, ctxB, conversationId } = await twoPeople(browser, baseURL!);
	const a = await openConversation(ctxA, conversationId);
	const b = await openConversation(ctxB, conversationId);
	await send(a, 'الثمن 30 درهم');
	await send(a, 'رسالة للحذف');
	await send(a, 'كلام مسيء');
	await expect(texts(b)).toHaveText(['الثمن 30 درهم', 'رسالة للحذف', 'كلام مسيء']);

	const first = a.getByTestId('message').first();
	await first.getByRole('button', { name: 'تعديل' }).click();
	await first.getByLabel('تعديل الرسالة').fill('الثمن 35 درهم');
	await first.getByRole('button', { name: 'حفظ' }).click();
	await expect(texts(b).first()).toHaveText('الثمن 35 درهم');
	await expect(b.getByTestId('message').first()).toContainText('معدلة');

	a.once('dialog', (d) => d.accept());
	await a.getByTestId('message').nth(1).getByRole('button', { name: 'حذف' }).click();
	await expect(b.getByTestId('message').nth(1)).toHaveAttribute('data-state', 'deleted');
	await expect(b.getByTestId('message').nth(1)).toContainText('حُذفت هذه الرسالة');

	const offensive = b.getByTestId('message').nth(2);
	await offensive.getByRole('button', { name: 'إبلاغ' }).click();
	await b.getByLabel('السبب').selectOption('abuse');
	await b.getByRole('button', { name: 'إرسال البلاغ' }).click();
	await expect(b.getByText('شكراً. سيطّلع مشرفو المجلس على هذه الرسالة.')).toBeVisible();
	await b.keyboard.press('Escape');

	// A moderator hides it (the staff console will call the same procedure).
	const staff = await browser.newContext();
	await signInAs(staff, baseURL!, { email: unique('staff'), role: 'staff' });
	const id = Number(await offensive.getAttribute('data-id'));
	const res = await staff.request.post('/api/trpc/chat.hide', {
		data: { messageId: id, reason: 'abuse' },
		headers: { origin: baseURL! }
	});
	expect(res.ok()).toBe(true);
	for (const page of [a, b]) {
		await expect(page.getByTestId('message').nth(2)).toHaveAttribute('data-state', 'hidden');
		await expect(page.getByTestId('message').nth(2)).toContainText('أزالها أحد المشرفين');
	}
	await expect(texts(a)).not.toContainText(['كلام مسيء']);
	await staff.close();
	await ctxA.close();
	await ctxB.close();
});

test('history loads page by page while scrolling up', async ({ browser, baseURL }) => {
	const { ctxA, ctxB, conversationId } = await twoPeople(browser, baseURL!, undefined, 120);
	const b = await openConversation(ctxB, conversationId);
	await expect(texts(b)).toHaveCount(50);
	await expect(texts(b).last()).toHaveText('رسالة رقم 120');
	for (let page = 2; page <= 3; page++) {
		await b
			.getByTestId('messages')
			.locator('..')
			.evaluate((el) => (el.scrollTop = 0));
		await expect(texts(b)).toHaveCount(Math.min(120, page * 50));
	}
	await b
		.getByTestId('messages')
		.locator('..')
		.evaluate((el) => (el.scrollTop = 0));
	await expect(b.getByText('هذه بداية المحادثة.')).toBeVisible();
	await expect(texts(b).first()).toHaveText('رسالة رقم 1');
	await ctxA.close();
	await ctxB.close();
});

test('without JavaScript, the composer still sends (once, even if posted twice)', async ({
	browser,
	baseURL
}) => {
	const { ctxA, conversationId } = await twoPeople(browser, baseURL!);
	const plain = await browser.newContext({ locale: 'ar-MA', javaScriptEnabled: false });
	await plain.addCookies(await ctxA.cookies());
	const page = await plain.newPage();
	await page.goto(`/messages/${conversationId}`);
	await page.getByLabel('رسالتك').fill('رسالة دون جافاسكريبت');
	await page.getByRole('button', { name: 'إرسال' }).click();
	await expect(texts(page)).toHaveText(['رسالة دون جافاسكريبت']);
	// A form posted twice (a double click, a resubmission) carries the same client id.
	const clientId = await page.locator('input[name="clientId"]').inputValue();
	for (let i = 0; i < 2; i++) {
		const res = await plain.request.post(`/messages/${conversationId}?/send`, {
			form: { body: 'مرة واحدة فقط', clientId },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
	}
	await page.reload();
	await expect(texts(page)).toHaveText(['رسالة دون جافاسكريبت', 'مرة واحدة فقط']);
	await plain.close();
	await ctxA.close();
});
