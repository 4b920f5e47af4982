import type { Locale } from '$lib/i18n/locales';

/** Shown at startup so anyone can sign in to the demo. Never created outside a seed. */
export const DEMO_PASSWORD = 'Oujda-Demo-2026!';

export interface DemoAccount {
	email: string;
	displayName: string;
	locale: Locale;
	role: 'member' | 'staff' | 'admin';
	/** What the account is for, in English, for the startup banner. */
	note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		email: 'admin@tashbik.ma',
		displayName: 'مدير المنصة',
		locale: 'ar',
		role: 'admin',
		note: 'admin: staff accounts, taxonomy'
	},
	{
		email: 'staff@tashbik.ma',
		displayName: 'سعاد الإدريسي',
		locale: 'ar',
		role: 'staff',
		note: 'council staff: verification, moderation, observatory'
	},
	{
		email: 'fatima@tashbik.ma',
		displayName: 'فاطمة الزهراء بنعلي',
		locale: 'ar',
		role: 'member',
		note: "president, women's couscous cooperative, Taourirt"
	},
	{
		email: 'youssef@tashbik.ma',
		displayName: 'يوسف المرابط',
		locale: 'ar',
		role: 'member',
		note: 'packaging cooperative, Oujda'
	},
	{
		email: 'karim@tashbik.ma',
		displayName: 'Karim Haddou',
		locale: 'fr',
		role: 'member',
		note: 'olive oil cooperative, Berkane'
	},
	{
		email: 'claire@occitanie.fr',
		displayName: 'Claire Martin',
		locale: 'fr',
		role: 'member',
		note: 'project officer, Région Occitanie (partner)'
	}
];
