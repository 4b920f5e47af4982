import { CATEGORIES, CHAIN_CODES, STAGE_ORDER } from '../../src/lib/taxonomy/taxonomy';
import { PARTNER_COUNTRIES, PROVINCES } from '../../src/lib/taxonomy/geography';
import type { OrgSpec } from '../../src/lib/server/matching/seed-orgs';

/**
 * A deterministic population of organizations shaped like the region's: cooperatives that grow,
 * process or serve along value chains, and partners abroad that buy or support. The same seed
 * gives the same organizations, so runs on different days compare.
 */
export function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const products = CATEGORIES.filter((c) => c.kind === 'product');
const services = CATEGORIES.filter((c) => c.kind === 'service');
const inChain = (chain: string, stage: string) =>
	products.filter((c) => c.chain === chain && c.stage === stage).map((c) => c.code);
const downstream = services.filter((s) => STAGE_ORDER.indexOf(s.stage) > 1).map((s) => s.code);
const support = ['training', 'certification', 'finance', 'equipment', 'marketing'];
const SECTOR_OF_CHAIN: Record<string, string> = {
	olive_oil: 'agriculture',
	couscous_cereals: 'agrifood',
	honey: 'beekeeping',
	dates: 'agriculture',
	citrus: 'agriculture',
	aromatic_plants: 'aromatic_plants',
	sheep_wool: 'livestock',
	dairy: 'livestock',
	fishing: 'fishing',
	textiles: 'handicrafts',
	almonds: 'agriculture'
};

function uuidFrom(rand: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function generateOrganizations(count: number, seed = 20260501): OrgSpec[] {
	const rand = mulberry32(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const some = <T>(xs: readonly T[], n: number): T[] => {
		const out = new Set<T>();
		while (out.size < Math.min(n, xs.length)) out.add(pick(xs));
		return [...out];
	};
	const now = Date.now();
	const orgs: OrgSpec[] = [];
	for (let i = 0; i < count; i++) {
		const id = uuidFrom(rand);
		const slug = `bench-${String(i).padStart(6, '0')}`;
		const r = rand();
		const status = r < 0.05 ? 'draft' : r < 0.08 ? 'hidden' : 'published';
		const common = {
			id,
			slug,
			status,
			verified: rand() < 0.4,
			suspendedUntil: rand() < 0.005 ? new Date(now + 7 * 86400_000) : null,
			lastActiveAt: new Date(now - Math.floor(rand() * 400) * 86400_000)
		} as const;
		const chain = pick(CHAIN_CODES);
		if (rand() < 0.12) {
			// A partner abroad: buys products of one or two chains, offers support services.
			orgs.push({
				...common,
				kind: 'partner',
				partnerType: pick(['region', 'ngo', 'expert', 'support', 'buyer'] as const),
				names: { fr: `Partenaire ${i}`, en: `Partner ${i}` },
				country: pick(PARTNER_COUNTRIES),
				sectors: some(['trade', 'services', 'training'], 1),
				languages: some(['fr', 'en', 'es'], 1 + Math.floor(rand() * 2)),
				offers: some([...support, 'export', 'distribution'], 1 + Math.floor(rand() * 2)),
				needs: some(
					products.filter((c) => c.stage === 'processing').map((c) => c.code),
					1 + Math.floor(rand() * 2)
				)
			});
			continue;
		}
		const province = pick(PROVINCES);
		const town = pick(province.towns);
		const role = rand();
		let offers: string[];
		let needs: string[];
		let sector = SECTOR_OF_CHAIN[chain];
		if (role < 0.45) {
			// Growers and gatherers: sell raw products, need processing and services.
			const raw = inChain(chain, 'production');
			offers = raw.length ? some(raw, 1) : some(inChain(chain, 'processing'), 1);
			needs = [...some(inChain(chain, 'processing'), 1), ...some(downstream, 1)];
			if (rand() < 0.4) needs.push(pick(support));
		} else if (role < 0.8) {
			// Processors: buy raw products, sell processed ones, need packaging and markets.
			offers = some(inChain(chain, 'processing'), 1 + Math.floor(rand() * 2));
			needs = [
				...some(inChain(chain, 'production'), 1),
				...some(downstream, 1 + Math.floor(rand() * 2))
			];
		} else {
			// Service cooperatives: packaging, transport, distribution.
			offers = some(downstream, 1 + Math.floor(rand() * 2));
			needs = some(support, 1);
			sector = pick(['services', 'transport', 'trade']);
		}
		const languages = ['ar'];
		if (rand() < 0.5) languages.push('fr');
		if (rand() < 0.2) languages.push('zgh');
		orgs.push({
			...common,
			kind: 'cooperative',
			names: { ar: `تعاونية ${i}`, fr: `Coopérative ${i}` },
			province: province.code,
			town: town.code,
			lat: town.lat + (rand() - 0.5) * 0.1,
			lng: town.lng + (rand() - 0.5) * 0.1,
			sectors:
				rand() < 0.2 ? [sector, 'agrifood'].filter((v, k, a) => a.indexOf(v) === k) : [sector],
			languages,
			offers: [...new Set(offers.filter(Boolean))],
			needs: [...new Set(needs.filter(Boolean))]
		});
	}
	return orgs;
}
