import { findCategory } from '$lib/taxonomy/taxonomy';
import type { Rng } from './prng';
import { NEED_TITLES, OFFER_TITLES, type Tri } from './coop-vocabulary';
import type { SeedListing, SeedOrganization } from './seed-types';

/** Status mix of real directories: mostly published, some drafts, a few hidden or suspended. */
export function pickStatus(rng: Rng): Pick<SeedOrganization, 'status' | 'suspended_days'> {
	const status = rng.weighted([
		['published', 92],
		['draft', 4],
		['hidden', 2],
		['suspended', 2]
	] as const);
	return status === 'suspended'
		? { status: 'published', suspended_days: rng.int(3, 60) }
		: { status, suspended_days: null };
}

export function listing(
	rng: Rng,
	kind: 'offer' | 'need',
	category: string,
	texts: { ar: string; fr: string; en: string | null },
	withEnglish: boolean
): SeedListing {
	const cat = findCategory(category)!;
	const title: Tri =
		kind === 'offer'
			? rng.pick(OFFER_TITLES[category] ?? [[cat.label.ar, cat.label.fr, cat.label.en]])
			: (NEED_TITLES[category] ?? [
					`نبحث عن: ${cat.label.ar}`,
					`Nous cherchons : ${cat.label.fr}`,
					`Looking for: ${cat.label.en}`
				]);
	return {
		id: rng.uuid(),
		kind,
		category_code: category,
		stage_code: cat.stage,
		title_ar: title[0],
		title_fr: title[1],
		title_en: withEnglish ? title[2] : null,
		text_ar: texts.ar,
		text_fr: texts.fr,
		text_en: withEnglish ? texts.en : null
	};
}

export const round = (x: number) => Math.round(x * 1e5) / 1e5;
