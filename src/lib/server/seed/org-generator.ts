import { PROVINCES } from '$lib/taxonomy/geography';
import { findCategory } from '$lib/taxonomy/taxonomy';
import { createRng, type Rng } from './prng';
import {
	CHAIN_PROFILES,
	COOP_NAMES,
	GOALS,
	PROVINCE_CHAINS,
	QUALITIES,
	SERVICE_PROFILES,
	type ChainProfile
} from './coop-vocabulary';
import { generatePartner } from './partner-generator';
import { slugify, type SeedListing, type SeedOrganization } from './seed-types';
import { listing, pickStatus, round } from './generator-helpers';

export const SEED_NAMESPACE = 'tashbik-demo-v1';
const SERVICE_NEEDS = [
	'packaging',
	'labelling',
	'transport',
	'distribution',
	'export',
	'training',
	'certification',
	'finance',
	'equipment',
	'marketing',
	'cold_storage'
];

/**
 * The i-th generated organization. Each one depends on its index only (its own random stream),
 * so `--orgs 100000` extends the demo's 2,000 instead of replacing them.
 */
export function generateOrganization(i: number, namespace = SEED_NAMESPACE): SeedOrganization {
	const rng = createRng(`${namespace}:${i}`);
	return rng.chance(0.12) ? generatePartner(rng, i) : generateCooperative(rng, i);
}

export function* generateOrganizations(count: number, namespace = SEED_NAMESPACE) {
	for (let i = 0; i < count; i++) yield generateOrganization(i, namespace);
}

function generateCooperative(rng: Rng, i: number): SeedOrganization {
	const province = rng.pick(PROVINCES);
	const town = rng.pick(province.towns);
	const service = rng.chance(0.08);
	const profile: ChainProfile = service
		? rng.pick(SERVICE_PROFILES)
		: CHAIN_PROFILES[rng.weighted(PROVINCE_CHAINS[province.code])];
	const [nameAr, nameLatin] = rng.pick(COOP_NAMES);
	const women = !service && rng.chance(0.3);
	const youth = !women && rng.chance(0.15);
	const total = rng.int(7, 20) + Math.floor(rng.next() ** 3 * 100);
	const membersWomen = women
		? Math.round(total * (0.8 + rng.next() * 0.2))
		: Math.round(total * rng.next() * 0.6);
	const membersYouth = Math.round(total * (youth ? 0.6 + rng.next() * 0.4 : rng.next() * 0.5));
	const year = rng.int(1995, 2024);
	const withEnglish = rng.chance(0.25);

	const arPrefix = women ? 'التعاونية النسوية' : youth ? 'تعاونية الشباب' : 'تعاونية';
	const frPrefix = women
		? 'Coopérative féminine'
		: youth
			? 'Coopérative des jeunes'
			: 'Coopérative';
	const name_ar = `${arPrefix} ${nameAr} ${profile.suffix[0]}`;
	const name_fr = `${frPrefix} ${nameLatin} ${profile.suffix[1]}`;
	const name_en = withEnglish
		? `${nameLatin} ${women ? "women's " : youth ? 'youth ' : ''}${profile.suffix[2]} cooperative`
		: null;

	const offers = rng.sample(profile.offers, rng.int(1, Math.min(3, profile.offers.length)));
	const quality = rng.pick(QUALITIES);
	const goal = rng.pick(GOALS);
	const offerLabels = offers.map((c) => findCategory(c)!.label);
	const listings: SeedListing[] = offers.map((c) =>
		listing(
			rng,
			'offer',
			c,
			{
				ar: `${rng.int(1, 40) * 50} كلغ شهريا، ${quality[0]}.`,
				fr: `${rng.int(1, 40) * 50} kg par mois, ${quality[1]}.`,
				en: `${rng.int(1, 40) * 50} kg a month, ${quality[2]}.`
			},
			withEnglish
		)
	);
	const needs = rng.sample(
		[...profile.inputs, ...SERVICE_NEEDS].filter((c) => !offers.includes(c)),
		rng.int(1, 3)
	);
	for (const c of needs) {
		listings.push(
			listing(
				rng,
				'need',
				c,
				{
					ar: `لمساعدتنا على ${goal[0]}.`,
					fr: `Pour nous aider à ${goal[1]}.`,
					en: `To help us ${goal[2]}.`
				},
				withEnglish
			)
		);
	}

	const certified = rng.chance(0.2);
	return {
		id: rng.uuid(),
		kind: 'cooperative',
		partner_type: null,
		slug: slugify(`${nameLatin} ${profile.suffix[1]} ${town.name.fr}`, i.toString(36)),
		name_ar,
		name_fr,
		name_en,
		description_ar: `تأسست ${name_ar} سنة ${year} في ${town.name.ar}، وتضم ${total} عضوا من بينهم ${membersWomen} من النساء و${membersYouth} من الشباب. تقدم ${offerLabels.map((l) => l.ar).join(' و')} ${quality[0]}، وتسعى إلى ${goal[0]}.`,
		description_fr: `Fondée en ${year} à ${town.name.fr}, la coopérative compte ${total} membres, dont ${membersWomen} femmes et ${membersYouth} jeunes. Elle propose ${offerLabels.map((l) => l.fr.toLowerCase()).join(', ')} ${quality[1]} et cherche à ${goal[1]}.`,
		description_en: withEnglish
			? `Founded in ${year} in ${town.name.en}, the cooperative has ${total} members, ${membersWomen} of them women and ${membersYouth} young people. It offers ${offerLabels.map((l) => l.en.toLowerCase()).join(', ')} ${quality[2]} and aims to ${goal[2]}.`
			: null,
		province: province.code,
		town: town.code,
		country: 'MA',
		region: null,
		lat: round(town.lat + (rng.next() - 0.5) * 0.06),
		lng: round(town.lng + (rng.next() - 0.5) * 0.06),
		founded_year: year,
		members_total: total,
		members_women: membersWomen,
		members_youth: membersYouth,
		legal_form: 'cooperative',
		registration_number: `${PROVINCES.indexOf(province) + 1}/${year}/${1000 + (i % 9000)}`,
		certifications: certified ? [rng.pick(['ONSSA', 'Bio', 'ONSSA', 'IGP'])] : [],
		languages: rng.chance(0.3) ? ['ar', 'fr', 'zgh'] : ['ar', 'fr'],
		contact_email: `contact@${slugify(nameLatin, i.toString(36))}.coop.example`,
		...pickStatus(rng),
		verified: rng.chance(0.3),
		sectors: profile.sectors,
		listings
	};
}
