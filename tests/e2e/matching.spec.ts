import {
	test,
	expect,
	hydrated,
	signInAs,
	expectAccessible,
	expectNoHorizontalScroll
} from './fixtures';
import type { APIRequestContext, BrowserContext } from '@playwright/test';

/**
 * A women's couscous cooperative in Taourirt is matched with a packaging cooperative of the same
 * town (a two-way fit) and a wheat cooperative; its president reads why in Arabic, hides the wheat
 * cooperative, and asks the packagers to connect. Their owner sees the request arrive live and
 * accepts it; both then see the connection.
 */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const slugs = {
	couscous: `couscous-${run}`,
	packaging: `talfif-${run}`,
	wheat: `qamh-${run}`
};
const names = {
	couscous: 'تعاونية النساء للكسكس',
	packaging: 'تعاونية التلفيف والتوزيع',
	wheat: 'تعاونية القمح الصلب'
};

async function createOrganizations(request: APIRequestContext, baseURL: string, owners: string[]) {
	const res = await request.post('/api/test/matching', {
		headers: { origin: baseURL },
		data: {
			orgs: [
				{
					slug: slugs.couscous,
					names: { ar: `${names.couscous} ${run}` },
					province: 'taourirt',
					town: 'taourirt',
					sectors: ['agrifood'],
					verified: true,
					offers: ['couscous'],
					needs: ['packaging', 'distribution', 'durum_wheat'],
					members: [{ userId: owners[0], role: 'owner' }]
				},
				{
					slug: slugs.packaging,
					names: { ar: `${names.packaging} ${run}` },
					province: 'taourirt',
					town: 'taourirt',
					sectors: ['services'],
					verified: true,
					offers: ['packaging', 'distribution'],
					needs: ['couscous', 'labelling'],
					members: [{ userId: owners[1], role: 'owner' }]
				},
				{
					slug: slugs.wheat,
					names: { ar: `${names.wheat} ${run}` },
					province: 'taourirt',
					town: 'debdou',
					sectors: ['agriculture'],
					verified: true,
					offers: ['durum_wheat'],
					needs: ['couscous', 'transport']
				}
			]
		}
	});
	expect(res.ok()).toBe(true);
}

async function signedIn(context: BrowserContext, baseURL: string, who: string, name: string) {
	return signInAs(context, baseURL, {
		email: `${who}-${run}@example.ma`,
		displayName: name,
		locale: 'ar'
	});
}

test('suggestions with reasons in Arabic, not relevant, a request answered live', async ({
	browser,
	baseURL,
	request
}) => {
	test.setTimeout(90_000);
	const fatima = await browser.newContext({ baseURL, locale: 'ar-MA' });
	const youssef = await browser.newContext({ baseURL, locale: 'ar-MA' });
	const owners = [
		await signedIn(fatima, baseURL!, 'fatima', 'فاطمة'),
		await signedIn(youssef, baseURL!, 'youssef', 'يوسف')
	];
	await createOrganizations(request, baseURL!, owners);

	// The other side's owner is on the site, with nothing unread.
	const other = await youssef.newPage();
	await other.goto('/');
	await hydrated(other);
	await expect(other.getByTestId('presence')).toContainText('متصل الآن');
	await expect(other.getByTestId('notification-count')).toHaveCount(0);
	// A second tab of the same person, to see marks-as-read travel between tabs.
	const otherTab = await youssef.newPage();
	await otherTab.goto('/');
	await hydrated(otherTab);

	// Suggestions, in Arabic, with their reasons.
	const page = await fatima.newPage();
	await page.goto('/suggestions');
	await expect(page).toHaveURL(new RegExp(`/o/${slugs.couscous}/suggestions$`));
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('اقتراحات الشركاء');
	const packaging = page.getByTestId('suggestion').filter({ hasText: names.packaging });
	const wheat = page.getByTestId('suggestion').filter({ hasText: names.wheat });
	await expect(packaging).toContainText('تكامل في الاتجاهين');
	await expect(packaging).toContainText(
		'يعرضون التوزيع والبيع والتلفيف والتعبئة، وهو ما تبحثون عنه'
	);
	await expect(packaging).toContainText('يبحثون عن الكسكس، وهو ما تعرضونه');
	await expect(wheat).toContainText('يعرضون القمح الصلب، وهو ما تبحثون عنه');
	await expect(wheat).toContainText('نفس سلسلة القيمة (الكسكس والحبوب)');
	await expectAccessible(page);

	// Not relevant: the wheat cooperative disappears, and the undo is offered.
	await wheat.getByRole('button', { name: 'غير مناسب' }).click();
	await expect(wheat).toHaveCount(0);
	await expect(page.getByText(`لن نقترح ${names.wheat} ${run} بعد الآن.`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'تراجع' })).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('suggestion').filter({ hasText: names.wheat })).toHaveCount(0);

	// Request a connection with a short message.
	await hydrated(page);
	const card = page.getByTestId('suggestion').filter({ hasText: names.packaging });
	await card.getByText('طلب ربط', { exact: true }).click();
	await card
		.getByLabel('رسالة قصيرة (اختيارية)')
		.fill('السلام عليكم، نبحث عن تلفيف لكسكس التعاونية.');
	await card.getByRole('button', { name: 'إرسال الطلب' }).click();
	await expect(card.getByRole('status')).toHaveText(
		`تم إرسال الطلب إلى ${names.packaging} ${run}.`
	);

	// The other side sees the unread count move without reloading, in both tabs.
	await expect(other.getByTestId('notification-count')).toHaveText('1');
	await expect(otherTab.getByTestId('notification-count')).toHaveText('1');
	await other.getByTestId('notification-bell').click();
	await expect(other).toHaveURL(/\/notifications$/);
	await expect(other.getByTestId('notification').first()).toContainText(
		`${names.couscous} ${run} تطلب الربط مع ${names.packaging} ${run}.`
	);
	await expectAccessible(other);
	await other.getByRole('button', { name: 'فتح' }).first().click();
	// Opening marked it read: the other tab's count goes away too.
	await expect(otherTab.getByTestId('notification-count')).toHaveCount(0);
	await expect(other).toHaveURL(new RegExp(`/o/${slugs.packaging}/connections\\?box=received$`));
	await hydrated(other);
	const incoming = other.getByTestId('connection').filter({ hasText: names.couscous });
	await expect(incoming).toContainText('السلام عليكم، نبحث عن تلفيف لكسكس التعاونية.');
	await expectAccessible(other);
	await incoming.getByText('قبول', { exact: true }).click();
	await incoming.getByRole('button', { name: 'نعم، أقبل' }).click();
	await expect(other.getByText(`أصبحتم مرتبطين مع ${names.couscous} ${run}.`)).toBeVisible();

	// The requester is told live, and both see the accepted connection.
	await expect(page.getByTestId('notification-count')).toHaveText('1');
	await page.goto(`/o/${slugs.couscous}/connections?box=accepted`);
	const accepted = page.getByTestId('connection').filter({ hasText: names.packaging });
	await expect(accepted).toContainText('مقبول');
	await other.goto(`/o/${slugs.packaging}/connections?box=accepted`);
	await expect(other.getByTestId('connection').filter({ hasText: names.couscous })).toContainText(
		'مقبول'
	);
	await fatima.close();
	await youssef.close();
});

test('the matching pages fit a 360 px phone and refuse outsiders', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		baseURL,
		locale: 'ar-MA',
		viewport: { width: 360, height: 740 }
	});
	await signInAs(context, baseURL!, { email: `fatima-${run}@example.ma`, locale: 'ar' });
	const page = await context.newPage();
	for (const path of [
		`/o/${slugs.couscous}/suggestions`,
		`/o/${slugs.couscous}/connections?box=history`,
		'/notifications'
	]) {
		await page.goto(path);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);
	}
	// Someone else's organization has no private side for her.
	const res = await page.goto(`/o/${slugs.packaging}/suggestions`);
	expect(res?.status()).toBe(404);
	await context.close();

	const visitor = await browser.newContext({ baseURL, locale: 'ar-MA' });
	const anonymous = await visitor.newPage();
	await anonymous.goto(`/o/${slugs.couscous}/suggestions`);
	await expect(anonymous).toHaveURL(/\/sign-in\?redirectTo=/);
	await visitor.close();
});
