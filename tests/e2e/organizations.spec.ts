import sharp from 'sharp';
import {
	test,
	expect,
	hydrated,
	signInAs,
	expectAccessible,
	expectNoHorizontalScroll
} from './fixtures';

/** A phone photo: several megabytes of JPEG. */
const bigPhoto = () =>
	sharp({
		create: {
			width: 2400,
			height: 1800,
			channels: 3,
			background: '#c27b2a',
			noise: { type: 'gaussian', mean: 128, sigma: 50 }
		}
	})
		.jpeg({ quality: 95 })
		.toBuffer();

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const PHONE = { viewport: { width: 360, height: 740 }, locale: 'ar-MA', hasTouch: true };
const NAME_AR = 'تعاونية نساء تاوريرت للكسكس';
const NAME_FR = 'Coopérative des femmes de Taourirt';
const CONTACT = `contact-${unique()}@couscous-taourirt.ma`;
const OWNER = `fatima-${unique()}@example.ma`;

test.describe.serial('organization profiles', () => {
	let slug = '';

	test('on a 360 px phone, in Arabic: create a cooperative, offers and needs, a logo, publish', async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext({ ...PHONE, baseURL });
		await signInAs(context, baseURL!, {
			email: OWNER,
			displayName: 'فاطمة',
			locale: 'ar'
		});
		const page = await context.newPage();

		await page.goto('/my');
		await hydrated(page);
		await expect(page.getByRole('heading', { name: 'لا تنتمون إلى أي منظمة بعد' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'منظماتي' })).toBeVisible();
		await page.getByRole('link', { name: 'إنشاء صفحة تعاونية' }).click();

		// The first step asks only the essentials.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('إنشاء صفحة منظمتكم');
		await hydrated(page);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);
		const name = page.getByRole('group', { name: 'الاسم' });
		await name.getByLabel('بالعربية').fill(NAME_AR);
		await name.getByLabel('بالفرنسية').fill(NAME_FR);
		await page.getByLabel('الصناعات الغذائية').check();
		await page.getByLabel('الإقليم والمدينة أو الجماعة').selectOption('taourirt:taourirt');
		await page.getByRole('button', { name: 'إنشاء المسودة' }).click();

		await expect(page.getByText('أُنشئت الصفحة كمسودة')).toBeVisible();
		slug = new URL(page.url()).pathname.split('/')[2];
		expect(slug).toBe('cooperative-des-femmes-de-taourirt');
		await hydrated(page);
		await expectNoHorizontalScroll(page);

		// A draft does not exist for visitors.
		const visitor = await browser.newContext({ baseURL });
		expect((await visitor.request.get(`/o/${slug}`)).status()).toBe(404);

		// Errors by field, in Arabic.
		await page.getByLabel('عدد الأعضاء').fill('30');
		await page.getByLabel('منهم نساء').fill('40');
		await page.getByLabel('منهم شباب').fill('9');
		await page.getByLabel('البريد الإلكتروني للتواصل').fill(CONTACT);
		await page.getByLabel('الهاتف').fill('+212 6 12 34 56 78');
		await page
			.getByRole('group', { name: 'التقديم' })
			.getByLabel('بالعربية')
			.fill('نساء من تاوريرت يفتلن الكسكس يدويًا من القمح الصلب المحلي منذ 2012.');
		await page.getByRole('button', { name: 'حفظ', exact: true }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'بعض الحقول' })).toBeFocused();
		const women = page.getByLabel('منهم نساء');
		await expect(women).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('لا يمكن أن يتجاوز عدد النساء عدد الأعضاء.')).toBeVisible();
		await expect(page.getByLabel('البريد الإلكتروني للتواصل')).toHaveValue(CONTACT);
		await women.fill('28');
		await page.getByRole('button', { name: 'حفظ', exact: true }).click();
		await expect(page.getByText('تم حفظ التغييرات.')).toBeVisible();
		await expectAccessible(page);

		// Logo: checked by content, re-encoded as WebP.
		const png = await sharp({
			create: { width: 300, height: 300, channels: 3, background: '#c27b2a' }
		})
			.png()
			.toBuffer();
		await page.getByLabel('اختاروا صورة الشعار').setInputFiles({
			name: 'logo.png',
			mimeType: 'image/png',
			buffer: png
		});
		await page.getByRole('button', { name: 'إرسال الشعار' }).click();
		await expect(page.getByText('تم حفظ الشعار.')).toBeVisible();
		const logo = page.getByRole('img', { name: 'الشعار الحالي' });
		const src = await logo.getAttribute('src');
		expect(src).toMatch(/^\/media\/logos\/[a-z2-7]{32}\.webp$/);
		const served = await context.request.get(src!);
		expect(served.headers()['content-type']).toBe('image/webp');
		expect(served.headers()['x-content-type-options']).toBe('nosniff');

		// What we offer, what we seek.
		await page.getByRole('link', { name: 'العروض والاحتياجات' }).click();
		await expect(page.getByText('لا توجد عروض بعد.')).toBeVisible();
		await page.getByRole('link', { name: 'إضافة عرض' }).click();
		await hydrated(page);
		await page.getByLabel('الصنف').selectOption({ label: 'الكسكس' });
		// The stage follows the category unless chosen.
		await expect(page.getByLabel('مرحلة سلسلة القيمة')).toContainText(
			'المرحلة المعتادة للصنف (التحويل)'
		);
		await page
			.getByRole('group', { name: 'العنوان' })
			.getByLabel('بالعربية')
			.fill('كسكس يدوي من القمح الصلب');
		await page.getByRole('button', { name: 'حفظ', exact: true }).click();
		await expect(page.getByText('تمت الإضافة.')).toBeVisible();
		await page.getByRole('link', { name: 'إضافة احتياج' }).click();
		await hydrated(page);
		await expect(page.getByLabel('احتياج: ما نبحث عنه')).toBeChecked();
		await page.getByLabel('الصنف').selectOption({ label: 'التلفيف والتعبئة' });
		await page
			.getByRole('group', { name: 'العنوان' })
			.getByLabel('بالعربية')
			.fill('أكياس ورقية للتعبئة');
		await page
			.getByRole('group', { name: 'العنوان' })
			.getByLabel('بالفرنسية')
			.fill('Sachets en papier kraft');
		await page.getByRole('button', { name: 'حفظ', exact: true }).click();
		await expect(page.getByText('تمت الإضافة.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'كسكس يدوي من القمح الصلب' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'أكياس ورقية للتعبئة' })).toBeVisible();
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);

		// Publish.
		await page.getByRole('link', { name: 'الملف' }).click();
		await hydrated(page);
		await page.getByRole('button', { name: 'نشر الصفحة' }).click();
		await expect(page.getByText('نُشرت الصفحة.')).toBeVisible();

		// The public page: right to left, server-rendered, with OpenGraph tags.
		await page.getByRole('link', { name: 'عرض الصفحة العامة' }).click();
		await expect(page).toHaveURL(new RegExp(`/o/${slug}$`));
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME_AR);
		await expect(page.getByRole('heading', { name: 'ما نعرضه' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'كسكس يدوي من القمح الصلب' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'أكياس ورقية للتعبئة' })).toBeVisible();
		await expect(page.getByText('28 نساء')).toBeVisible();
		await expect(page.getByRole('link', { name: CONTACT })).toBeVisible();
		await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', NAME_AR);
		await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
			'content',
			/\/media\/logos\//
		);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);

		expect((await visitor.request.get(`/o/${slug}`)).status()).toBe(200);
		await visitor.close();
		await context.close();
	});

	test('a French partner sees the page in French', async ({ browser, baseURL }) => {
		const context = await browser.newContext({ locale: 'fr-FR', baseURL });
		await signInAs(context, baseURL!, {
			email: `claire-${unique()}@occitanie.fr`,
			displayName: 'Claire',
			locale: 'fr'
		});
		const page = await context.newPage();
		await page.goto(`/o/${slug}`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME_FR);
		await expect(page.getByText('Coopérative · Taourirt, Province de Taourirt')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Ce que nous proposons' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Ce que nous recherchons' })).toBeVisible();
		// Her language where it was written, the original language otherwise (marked for screen readers).
		await expect(page.getByRole('heading', { name: 'Sachets en papier kraft' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'كسكس يدوي من القمح الصلب' })).toHaveAttribute(
			'lang',
			'ar'
		);
		await expect(page.getByText('Emballage et conditionnement')).toBeVisible();
		await expect(page.getByRole('link', { name: CONTACT })).toBeVisible();
		await expectAccessible(page);
		await context.close();
	});

	test('a visitor sees no contact details and no draft', async ({ browser, baseURL }) => {
		const visitor = await browser.newContext({ ...PHONE, baseURL });
		const page = await visitor.newPage();
		await page.goto(`/o/${slug}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME_AR);
		await expect(page.getByText('سجّلوا الدخول لرؤية معلومات التواصل.')).toBeVisible();
		expect(await page.content()).not.toContain(CONTACT);
		await expectAccessible(page);

		// A draft, made by its owner over the API, is a 404 for everyone else.
		const owner = await browser.newContext({ baseURL });
		await signInAs(owner, baseURL!, { email: `karima-${unique()}@example.ma`, locale: 'ar' });
		const created = await owner.request.post('/api/trpc/organizations.create', {
			headers: { origin: baseURL! },
			data: {
				kind: 'cooperative',
				name: { ar: 'تعاونية مسودة' },
				sectors: ['beekeeping'],
				province: 'figuig',
				town: 'figuig',
				contactEmail: 'draft@example.ma'
			}
		});
		expect(created.ok(), await created.text()).toBe(true);
		const draft = (await created.json()).result.data.slug as string;
		expect((await owner.request.get(`/o/${draft}`)).status()).toBe(200);
		const res = await page.goto(`/o/${draft}`);
		expect(res?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('خطأ 404');
		expect(await page.content()).not.toContain('تعاونية مسودة');
		await owner.close();
		await visitor.close();
	});

	test('an invited member joins through the link shown to the owner', async ({
		browser,
		baseURL
	}) => {
		const owner = await browser.newContext({ ...PHONE, baseURL });
		await signInAs(owner, baseURL!, { email: OWNER, locale: 'ar' });
		const page = await owner.newPage();
		await page.goto(`/o/${slug}/members`);
		await hydrated(page);
		const invitee = `amina-${unique()}@example.ma`;
		await page.getByLabel('البريد الإلكتروني').fill(invitee);
		await page.getByRole('button', { name: 'إرسال الدعوة' }).click();
		// No mail server here: the owner gets the link to pass on.
		const link = await page.getByLabel('رابط الدعوة').inputValue();
		expect(link).toMatch(/\/invitations\/[a-z2-7]{32}$/);
		await expect(page.getByRole('status').filter({ hasText: invitee })).toBeVisible();
		await expect(page.getByRole('listitem').filter({ hasText: invitee })).toHaveCount(1);
		await expect(page.getByLabel('البريد الإلكتروني')).toHaveValue('');
		await expectAccessible(page);

		const guest = await browser.newContext({ ...PHONE, baseURL });
		const g = await guest.newPage();
		await g.goto(link);
		await expect(g.getByText(NAME_AR)).toBeVisible();
		await expect(g.getByRole('link', { name: 'تسجيل الدخول' }).last()).toHaveAttribute(
			'href',
			/redirectTo=%2Finvitations%2F/
		);
		await signInAs(guest, baseURL!, { email: invitee, displayName: 'أمينة', locale: 'ar' });
		await g.reload();
		await hydrated(g);
		await g.getByRole('button', { name: 'قبول الدعوة' }).click();
		await expect(g.getByText('انضممتم إلى المنظمة.')).toBeVisible();
		await expect(g.getByRole('heading', { level: 1 })).toHaveText(NAME_AR);
		// The link works once.
		await g.goto(link);
		await expect(g.getByText('استُعملت هذه الدعوة من قبل.')).toBeVisible();
		await guest.close();
		await owner.close();
	});

	test('a phone photo of several megabytes is made small in the browser before it travels', async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext({ ...PHONE, baseURL });
		await signInAs(context, baseURL!, { email: OWNER, locale: 'ar' });
		const page = await context.newPage();
		await page.goto(`/o/${slug}/edit`);
		await hydrated(page);
		const photo = await bigPhoto();
		expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
		let sent = 0;
		page.on('requestfinished', async (r) => {
			if (r.url().includes('?/logo')) sent = Number((await r.allHeaders())['content-length'] ?? 0);
		});
		await page.getByLabel('تغيير الشعار').setInputFiles({
			name: 'IMG_2041.jpg',
			mimeType: 'image/jpeg',
			buffer: photo
		});
		await page.getByRole('button', { name: 'إرسال الشعار' }).click();
		await expect(page.getByText('تم حفظ الشعار.')).toBeVisible();
		await expect.poll(() => sent).toBeGreaterThan(0);
		expect(sent).toBeLessThan(photo.length / 4);
		await context.close();
	});

	test('creating works without JavaScript', async ({ browser, baseURL }) => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			baseURL,
			locale: 'fr-FR'
		});
		await signInAs(context, baseURL!, { email: `nojs-${unique()}@example.fr`, locale: 'fr' });
		const page = await context.newPage();
		await page.goto('/organizations/new?kind=partner');
		await page
			.getByRole('group', { name: 'Nom' })
			.getByLabel('En français')
			.fill('Région Occitanie');
		await page.getByLabel('Services').check();
		await page.getByLabel('Type de partenaire').selectOption('region');
		await page.getByRole('button', { name: 'Créer le brouillon' }).click();
		// The country is required for a partner: the form comes back with the error and the values.
		await expect(page.getByText('Choisissez le pays.')).toBeVisible();
		await expect(page.getByRole('group', { name: 'Nom' }).getByLabel('En français')).toHaveValue(
			'Région Occitanie'
		);
		await page.getByLabel('Pays').selectOption('FR');
		await page.getByRole('button', { name: 'Créer le brouillon' }).click();
		await expect(page.getByText('La page est créée comme brouillon.')).toBeVisible();
		// Without a script to shrink it, a photo over 2 MB is refused with a clear message.
		await page.getByLabel('Choisir l’image du logo').setInputFiles({
			name: 'photo.jpg',
			mimeType: 'image/jpeg',
			buffer: await bigPhoto()
		});
		await page.getByRole('button', { name: 'Envoyer le logo' }).click();
		await expect(
			page.getByText('L’image dépasse 2 Mo. Choisissez une image plus légère.')
		).toBeVisible();
		await context.close();
	});
});
