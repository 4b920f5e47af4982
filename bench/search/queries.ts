import type { SearchOrganizationsInput } from '../../src/lib/server/search/search.schema';
import { buildMeiliQueries } from '../../src/lib/server/search/meili-query';
import type { RequestSpec } from './load';

/**
 * What people type: Arabic, French and English words, typos, spelling variants, filters alone,
 * filters with words, and distance sorts. Every query is sent twice: to the app (tRPC over HTTP)
 * and, as the very multi-search the app sends, straight to Meilisearch.
 */
type Input = Partial<SearchOrganizationsInput>;
const berkane = { lat: 34.92, lng: -2.32 };
const taourirt = { lat: 34.4073, lng: -2.8973 };

export const QUERIES: Input[] = [
	{ q: '' },
	{ q: 'كسكس' },
	{ q: 'الكسكس' },
	{ q: 'زيت الزيتون' },
	{ q: 'زيت الزيتون البكر' },
	{ q: 'الأمل' },
	{ q: 'الامل' },
	{ q: 'تعاونيه' },
	{ q: 'العسل' },
	{ q: 'تمور فجيج' },
	{ q: 'الزرابي' },
	{ q: 'التلفيف' },
	{ q: 'صوف' },
	{ q: 'couscous' },
	{ q: "huile d'olive" },
	{ q: 'huile dolive' },
	{ q: 'miel de thym' },
	{ q: 'clémentines' },
	{ q: 'clementine berkane' },
	{ q: 'dattes' },
	{ q: 'emballage' },
	{ q: 'cooperative feminine' },
	{ q: 'coperative' },
	{ q: 'tapis' },
	{ q: 'romarin' },
	{ q: 'packaging' },
	{ q: 'olive oil' },
	{ q: 'Occitanie' },
	{ q: 'Dakar' },
	{ q: '', filters: { province: ['berkane'] } },
	{ q: '', filters: { kind: ['partner'], country: ['FR'] } },
	{ q: '', filters: { need: ['packaging'], womenLed: true } },
	{ q: 'huile', filters: { province: ['berkane', 'nador'], verified: true } },
	{ q: 'كسكس', filters: { province: ['taourirt'] } },
	{ q: '', filters: { offer: ['olive_oil'], stage: ['processing'] } },
	{ q: 'miel', filters: { sector: ['beekeeping'] }, page: 2 },
	{ q: '', sort: 'distance', near: berkane },
	{ q: 'emballage', sort: 'distance', near: taourirt },
	{ q: 'كسكس', sort: 'distance', near: taourirt, filters: { kind: ['partner'] } },
	{ q: '', page: 5 }
];

/** The app's query, over HTTP, as the browser's tRPC client sends it. */
export function appRequest(input: Input): RequestSpec {
	return {
		method: 'GET',
		path: `/api/trpc/search.organizations?input=${encodeURIComponent(JSON.stringify(input))}`,
		headers: { accept: 'application/json', 'accept-language': 'ar' }
	};
}

/** The same search, straight to Meilisearch's HTTP API. */
export function meiliRequest(input: Input, indexUid: string, key: string): RequestSpec {
	const full = {
		q: '',
		filters: {},
		sort: 'relevance',
		page: 1,
		...input
	} as SearchOrganizationsInput;
	const origin =
		full.sort === 'distance' && full.near ? { ...full.near, from: 'point' as const } : null;
	return {
		method: 'POST',
		path: '/multi-search',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify(buildMeiliQueries(full, indexUid, origin))
	};
}
