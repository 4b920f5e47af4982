import type { Browser, Page } from '@playwright/test';
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
const tag = () => Math.random().toString(36).slice(2, 7);

async function person(
	browser: Browser,
	baseURL: string,
	name: string,
	locale: 'ar-MA' | 'fr-FR',
	role: 'member' | 'staff' = 'member'
) {
	const context = await browser.newContext({ locale });
	const id = await signInAs(context, baseURL, {
		email: unique('person'),
		displayName: name,
		role,
		locale: locale === 'fr-FR' ? 'fr' : 'ar'
	});
	return { context, id };
}

async function open(page: Page, path: string) {
	await page.goto(path);
	await hydrated(page);
}

test('three cooperatives form a cluster, staff approve it, members talk in its channel, one leaves and loses it', async ({
	browser,
	baseURL
}) => {
	// Four people in four browsers and some twenty pages: longer than the default 30 s.
	test.setTimeout(90_000);
	const t = tag();
	const fatima = await person(browser, baseURL!, 'فاطمة', 'ar-MA');
	const karim = await person(browser, baseURL!, 'Karim', 'fr-FR');
	const nadia = await person(browser, baseURL!, 'Nadia', 'fr-FR');
	const staff = await person(browser, baseURL!, 'Agent', 'ar-MA', 'staff');
	const orgs = [
		{
			slug: `couscous-${t}`,
			names: { ar: `تعاونية الكسكس ${t}`, fr: `Coopérative couscous ${t}` },
			province: 'taourirt',
			members: [{ userId: fatima.id, role: 'owner' }]
		},
		{
			slug: `emballage-${t}`,
			names: { fr: `Emballage Oujda ${t}` },
			province: 'oujda_angad',
			members: [{ userId: karim.id, role: 'owner' }]
		},
		{
			slug: `ble-${t}`,
			names: { fr: `Blé dur Guercif ${t}` },
			province: 'guercif',
			members: [{ userId: nadia.id, role: 'owner' }]
		}
	];
	const res = await fatima.context.request.post('/api/test/matching', {
		data: { orgs },
		headers: { origin: baseURL! }
	});
	expect(res.ok()).toBe(true);

	// Fatima proposes the cluster, in Arabic, on her phone-sized screen.
	const f = await fatima.context.newPage();
	await f.setViewportSize({ width: 360, height: 740 });
	await open(f, '/clusters/new');
	await f.getByLabel('الاسم بالعربية').fill(`تكتل الكسكس ${t}`);
	await f.getByLabel('الاسم بالفرنسية').fill(`Cluster couscous ${t}`);
	await f.getByLabel('القطاع').selectOption('agrifood');
	await f.getByLabel('إقليم تاوريرت').check();
	await f.getByRole('button', { name: 'اقتراح التكتل' }).click();
	await expect(f.getByRole('heading', { level: 1 })).toHaveText(`تكتل الكسكس ${t}`);
	await expect(f.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoHorizontalScroll(f);
	await expectAccessible(f);
	const clusterUrl = new URL(f.url()).pathname;

	for (const name of [`Emballage Oujda ${t}`, `Blé dur Guercif ${t}`]) {
		await f.getByLabel('اسم الهيئة أو عنوان صفحتها').fill(name);
		await f.getByRole('button', { name: 'بحث' }).click();
		await f
			.getByRole('listitem')
			.filter({ hasText: name })
			.getByRole('button', { name: 'دعوة' })
			.click();
		await expect(f.getByText('أُرسلت الدعوة.')).toBeVisible();
	}

	for (const who of [karim, nadia]) {
		const p = await who.context.newPage();
		await open(p, clusterUrl);
		await p.getByRole('button', { name: 'Accepter l’invitation' }).click();
		await expect(p.getByText('Votre organisation est membre du cluster.')).toBeVisible();
		await p.close();
	}

	await open(f, clusterUrl);
	await f.getByRole('button', { name: 'عرض التكتل للمصادقة' }).click();
	await expect(f.getByText('عُرض التكتل على مصالح المجلس للمصادقة.')).toBeVisible();

	// Staff find it in the console and approve it.
	const s = await staff.context.newPage();
	await open(s, '/staff/clusters');
	await s.getByRole('link', { name: `تكتل الكسكس ${t}` }).click();
	await hydrated(s);
	await s.getByRole('button', { name: 'المصادقة وتفعيل التكتل' }).click();
	await expect(s.getByText('صودق على التكتل وأصبح نشطًا.')).toBeVisible();
	await expect(s.getByText('صادق عليه المجلس')).toBeVisible(); // in the history

	// The members talk in the channel.
	await open(f, clusterUrl);
	await f.getByTestId('cluster-channel').click();
	await f.waitForURL(/\/messages\//);
	await hydrated(f);
	const k = await karim.context.newPage();
	await open(k, clusterUrl);
	await k.getByTestId('cluster-channel').click();
	await k.waitForURL(/\/messages\//);
	await hydrated(k);
	const n = await nadia.context.newPage();
	await open(n, clusterUrl);
	await n.getByTestId('cluster-channel').click();
	await n.waitForURL(/\/messages\//);
	await hydrated(n);
	const channelUrl = new URL(n.url()).pathname;
	await expect(n.getByTestId('chat-online')).not.toBeEmpty();
	await f.getByTestId('composer').fill('اجتماع يوم الخميس في تاوريرت');
	await f.getByTestId('composer').press('Enter');
	await expect(k.getByTestId('message').locator('.body')).toHaveText([
		'اجتماع يوم الخميس في تاوريرت'
	]);
	await expect(n.getByTestId('message').locator('.body')).toHaveText([
		'اجتماع يوم الخميس في تاوريرت'
	]);

	// Nadia's cooperative leaves: her open channel closes at once.
	const leave = await nadia.context.newPage();
	await open(leave, clusterUrl);
	await leave.locator('summary', { hasText: 'Quitter le cluster' }).click();
	await leave.getByRole('button', { name: 'Confirmer' }).click();
	await expect(leave.getByText('Votre organisation a quitté le cluster.')).toBeVisible();
	await expect(n.getByRole('heading', { level: 1 })).toHaveText('Erreur 404');
	await n.goto(channelUrl);
	await expect(n.getByRole('heading', { level: 1 })).toHaveText('Erreur 404');
	await f.getByTestId('composer').fill('رسالة بعد المغادرة');
	await f.getByTestId('composer').press('Enter');
	await expect(k.getByTestId('message').locator('.body')).toHaveText([
		'اجتماع يوم الخميس في تاوريرت',
		'رسالة بعد المغادرة'
	]);

	for (const c of [fatima, karim, nadia, staff]) await c.context.close();
});

test('a member reports a message, staff hide it live from the console; a suspended user is signed out of the open page', async ({
	browser,
	baseURL
}) => {
	const a = await person(browser, baseURL!, 'Auteur', 'fr-FR');
	const b = await person(browser, baseURL!, 'لطيفة', 'ar-MA');
	const res = await a.context.request.post('/api/test/chat', {
		data: { a: [a.id], b: [b.id] },
		headers: { origin: baseURL! }
	});
	const { conversationId } = (await res.json()) as { conversationId: string };
	const pa = await a.context.newPage();
	await open(pa, `/messages/${conversationId}`);
	const pb = await b.context.newPage();
	await open(pb, `/messages/${conversationId}`);
	await expect(pb.getByTestId('chat-online')).not.toBeEmpty();
	await pa.getByTestId('composer').fill('Vous êtes des incapables');
	await pa.getByTestId('composer').press('Enter');
	const offensive = pb.getByTestId('message').first();
	await expect(offensive.locator('.body')).toHaveText('Vous êtes des incapables');
	await offensive.getByRole('button', { name: 'إبلاغ' }).click();
	await pb.getByLabel('السبب').selectOption('abuse');
	await pb.getByRole('button', { name: 'إرسال البلاغ' }).click();
	await expect(pb.getByText('شكراً. سيطّلع مشرفو المجلس على هذه الرسالة.')).toBeVisible();
	await pb.keyboard.press('Escape');

	const staff = await person(browser, baseURL!, 'Modératrice', 'fr-FR', 'staff');
	const s = await staff.context.newPage();
	await open(s, '/staff/reports?type=message');
	const group = s.locator('li.card').filter({ hasText: 'Vous êtes des incapables' });
	await expect(group).toContainText('Propos abusifs');
	await group.getByRole('link', { name: 'Examiner' }).click();
	await hydrated(s);
	await expectAccessible(s);
	await s.getByLabel('Masquer le contenu').check();
	await s.getByLabel('Motif (inscrit au journal d’audit)').fill('Insulte envers une coopérative');
	s.once('dialog', (d) => d.accept());
	await s.getByRole('button', { name: 'Appliquer' }).click();
	await expect(s.getByText('Contenu masqué.')).toBeVisible();
	// Gone live from the other member's screen, replaced by the moderator's placeholder.
	await expect(pb.getByTestId('message').first()).toHaveAttribute('data-state', 'hidden');
	await expect(pb.getByTestId('message').first()).toContainText('أزالها أحد المشرفين');

	// Suspending the author signs their open page out at once.
	await s.getByLabel('Suspendre le compte de la personne').check();
	await s.getByLabel('Motif (inscrit au journal d’audit)').fill('Récidive');
	s.once('dialog', (d) => d.accept());
	await s.getByRole('button', { name: 'Appliquer' }).click();
	await expect(s.getByText('Compte suspendu ; toutes ses sessions sont fermées.')).toBeVisible();
	await expect(pa).toHaveURL(/\/sign-in\?ended=1/);
	await expect(pa.getByText('Votre session a pris fin. Reconnectez-vous.')).toBeVisible();

	// The audit log has both decisions.
	await open(s, '/staff/audit');
	await expect(s.getByRole('cell', { name: 'message.hide' }).first()).toBeVisible();
	await expect(s.getByRole('cell', { name: 'message.suspend_user' }).first()).toBeVisible();
	for (const c of [a, b, staff]) await c.context.close();
});

test('a partner reports an organization from its profile; staff see it in the queue with the profile', async ({
	browser,
	baseURL
}) => {
	const t = tag();
	const owner = await person(browser, baseURL!, 'Owner', 'ar-MA');
	const claire = await person(browser, baseURL!, 'Claire', 'fr-FR');
	const orgs = [
		{
			slug: `douteuse-${t}`,
			names: { fr: `Coopérative douteuse ${t}` },
			province: 'nador',
			members: [{ userId: owner.id, role: 'owner' }]
		}
	];
	expect(
		(
			await owner.context.request.post('/api/test/matching', {
				data: { orgs },
				headers: { origin: baseURL! }
			})
		).ok()
	).toBe(true);
	const p = await claire.context.newPage();
	await open(p, `/o/douteuse-${t}`);
	await p.getByText('Signaler à la modération').click();
	await p.getByLabel('Motif', { exact: true }).selectOption('fraud');
	await p.getByLabel('Détails (facultatif)').fill('Produits vendus comme bio sans certification');
	await p.getByRole('button', { name: 'Envoyer le signalement' }).click();
	await expect(
		p.getByText('Merci. La modération du Conseil va examiner votre signalement.')
	).toBeVisible();

	const staff = await person(browser, baseURL!, 'Agent', 'fr-FR', 'staff');
	const s = await staff.context.newPage();
	await open(s, '/staff/reports?type=organization');
	const group = s.locator('li.card').filter({ hasText: `Coopérative douteuse ${t}` });
	await expect(group).toContainText('Fraude');
	for (const c of [owner, claire, staff]) await c.context.close();
});
