import { countryName } from '$lib/taxonomy/geography';
import { findCategory } from '$lib/taxonomy/taxonomy';
import type { Rng } from './prng';
import { listing, pickStatus, round } from './generator-helpers';
import {
	BUYER_NEEDS,
	PARTNER_COUNTRY_WEIGHTS,
	PARTNER_NAME_PATTERNS,
	PARTNER_OFFERS,
	PARTNER_PLACES,
	PARTNER_TYPE_WEIGHTS,
	PARTNER_WORDS,
	type PartnerType
} from './partner-vocabulary';
import { BLANK_ORGANIZATION, slugify, type SeedListing, type SeedOrganization } from './seed-types';

const SECTORS: Record<PartnerType, string[]> = {
	region: ['services', 'training'],
	ngo: ['training', 'services'],
	expert: ['services', 'training'],
	support: ['services'],
	buyer: ['trade']
};

const TYPE_AR: Record<PartnerType, string> = {
	region: 'جماعة ترابية شريكة',
	ngo: 'جمعية',
	expert: 'مكتب خبرة',
	support: 'هيئة دعم',
	buyer: 'مشتر'
};

/** A partner abroad (a region, an NGO, experts, a support body or a buyer). */
export function generatePartner(rng: Rng, i: number): SeedOrganization {
	const country = rng.weighted(PARTNER_COUNTRY_WEIGHTS);
	const place = rng.pick(PARTNER_PLACES[country]);
	const type = rng.weighted(PARTNER_TYPE_WEIGHTS);
	const word = rng.pick(PARTNER_WORDS);
	const name_fr = rng
		.pick(PARTNER_NAME_PATTERNS[type])
		.replace('{w}', word)
		.replace('{c}', place.city)
		.replace('{r}', place.region);
	const arabic = country === 'TN' || country === 'MR' || rng.chance(0.2);
	const english = rng.chance(0.3);
	const countryAr = countryName(country, 'ar');

	const offers = rng.sample(PARTNER_OFFERS[type], rng.int(1, 3));
	const needs =
		type === 'buyer'
			? rng.sample(BUYER_NEEDS, rng.int(1, 3))
			: rng.sample(BUYER_NEEDS, rng.int(0, 1));
	const focus = [...needs, ...offers].map((c) => findCategory(c)!.label);
	const listings: SeedListing[] = [
		...offers.map((c) =>
			listing(
				rng,
				'offer',
				c,
				{
					ar: `نقدم هذه الخدمة لتعاونيات جهة الشرق من ${place.city}.`,
					fr: `Nous proposons ce service aux coopératives de l’Oriental depuis ${place.city}.`,
					en: `We offer this to cooperatives of the Oriental from ${place.city}.`
				},
				english
			)
		),
		...needs.map((c) =>
			listing(
				rng,
				'need',
				c,
				{
					ar: `نبحث عن تعاونيات موردة بكميات منتظمة نحو ${place.city}.`,
					fr: `Nous cherchons des coopératives fournisseurs, en volumes réguliers, livrés à ${place.city}.`,
					en: `We seek supplier cooperatives for regular volumes delivered to ${place.city}.`
				},
				english
			)
		)
	];
	return {
		...BLANK_ORGANIZATION,
		id: rng.uuid(),
		kind: 'partner',
		partner_type: type,
		slug: slugify(name_fr, i.toString(36)),
		name_ar: arabic ? `${TYPE_AR[type]} ${word} - ${place.city}` : null,
		name_fr,
		name_en: english ? `${word} (${place.city}, ${countryName(country, 'en')})` : null,
		description_ar: arabic
			? `${TYPE_AR[type]} من ${countryAr} (${place.region}) تهتم بـ${focus.map((l) => l.ar).join(' و')}، وتبحث عن شركاء في جهة الشرق.`
			: null,
		description_fr: `Basée à ${place.city} (${place.region}, ${countryName(country, 'fr')}), notre structure s’intéresse à : ${focus.map((l) => l.fr.toLowerCase()).join(', ')}. Nous cherchons des coopératives partenaires dans l’Oriental marocain.`,
		description_en: english
			? `Based in ${place.city} (${place.region}), we work on ${focus.map((l) => l.en.toLowerCase()).join(', ')} and look for partner cooperatives in Morocco's Oriental region.`
			: null,
		province: null,
		town: place.city,
		country,
		region: place.region,
		lat: round(place.lat + (rng.next() - 0.5) * 0.04),
		lng: round(place.lng + (rng.next() - 0.5) * 0.04),
		founded_year: rng.int(1980, 2022),
		languages: country === 'ES' ? ['es', 'fr'] : arabic ? ['ar', 'fr'] : ['fr'],
		contact_email: `contact@${slugify(word, i.toString(36))}.partner.example`,
		...pickStatus(rng),
		verified: rng.chance(0.4),
		sectors: SECTORS[type],
		listings
	};
}
