/**
 * Partner organizations abroad: the Council's partner regions (Occitanie in France, regions of
 * Senegal, Mali, Côte d'Ivoire), Maghreb and European counterparts. Places are real, with their
 * coordinates; organization names are invented.
 */
export interface PartnerPlace {
	city: string;
	region: string;
	lat: number;
	lng: number;
}

export const PARTNER_PLACES: Record<string, PartnerPlace[]> = {
	FR: [
		{ city: 'Montpellier', region: 'Occitanie', lat: 43.6108, lng: 3.8767 },
		{ city: 'Toulouse', region: 'Occitanie', lat: 43.6047, lng: 1.4442 },
		{ city: 'Perpignan', region: 'Occitanie', lat: 42.6887, lng: 2.8948 },
		{ city: 'Nîmes', region: 'Occitanie', lat: 43.8367, lng: 4.3601 },
		{ city: 'Béziers', region: 'Occitanie', lat: 43.3442, lng: 3.2158 },
		{ city: 'Narbonne', region: 'Occitanie', lat: 43.1839, lng: 3.0042 },
		{ city: 'Carcassonne', region: 'Occitanie', lat: 43.213, lng: 2.3491 },
		{ city: 'Albi', region: 'Occitanie', lat: 43.9289, lng: 2.148 }
	],
	ES: [
		{ city: 'Almería', region: 'Andalucía', lat: 36.834, lng: -2.4637 },
		{ city: 'Granada', region: 'Andalucía', lat: 37.1773, lng: -3.5986 },
		{ city: 'Málaga', region: 'Andalucía', lat: 36.7213, lng: -4.4214 },
		{ city: 'Murcia', region: 'Región de Murcia', lat: 37.9922, lng: -1.1307 }
	],
	SN: [
		{ city: 'Dakar', region: 'Dakar', lat: 14.7167, lng: -17.4677 },
		{ city: 'Thiès', region: 'Thiès', lat: 14.791, lng: -16.9359 },
		{ city: 'Saint-Louis', region: 'Saint-Louis', lat: 16.0179, lng: -16.4896 },
		{ city: 'Ziguinchor', region: 'Ziguinchor', lat: 12.5681, lng: -16.2719 }
	],
	ML: [
		{ city: 'Bamako', region: 'District de Bamako', lat: 12.6392, lng: -8.0029 },
		{ city: 'Ségou', region: 'Ségou', lat: 13.4317, lng: -6.2157 },
		{ city: 'Sikasso', region: 'Sikasso', lat: 11.3176, lng: -5.6665 },
		{ city: 'Mopti', region: 'Mopti', lat: 14.4843, lng: -4.183 }
	],
	CI: [
		{ city: 'Abidjan', region: 'District d’Abidjan', lat: 5.36, lng: -4.0083 },
		{ city: 'Bouaké', region: 'Gbêkê', lat: 7.6906, lng: -5.03 },
		{ city: 'Yamoussoukro', region: 'Yamoussoukro', lat: 6.8276, lng: -5.2893 },
		{ city: 'Korhogo', region: 'Poro', lat: 9.458, lng: -5.6296 }
	],
	TN: [
		{ city: 'Tunis', region: 'Tunis', lat: 36.8065, lng: 10.1815 },
		{ city: 'Sfax', region: 'Sfax', lat: 34.7406, lng: 10.7603 },
		{ city: 'Sousse', region: 'Sousse', lat: 35.8256, lng: 10.636 },
		{ city: 'Médenine', region: 'Médenine', lat: 33.3549, lng: 10.5055 },
		{ city: 'Tozeur', region: 'Tozeur', lat: 33.9197, lng: 8.1335 }
	],
	BE: [
		{ city: 'Bruxelles', region: 'Bruxelles-Capitale', lat: 50.8503, lng: 4.3517 },
		{ city: 'Liège', region: 'Wallonie', lat: 50.6326, lng: 5.5797 }
	],
	BF: [{ city: 'Ouagadougou', region: 'Centre', lat: 12.3714, lng: -1.5197 }],
	MR: [{ city: 'Nouakchott', region: 'Nouakchott', lat: 18.0735, lng: -15.9582 }],
	IT: [{ city: 'Palermo', region: 'Sicilia', lat: 38.1157, lng: 13.3615 }],
	PT: [{ city: 'Lisboa', region: 'Lisboa', lat: 38.7223, lng: -9.1393 }]
};

export const PARTNER_COUNTRY_WEIGHTS: readonly (readonly [string, number])[] = [
	['FR', 30],
	['ES', 12],
	['SN', 12],
	['CI', 10],
	['ML', 8],
	['TN', 10],
	['BE', 5],
	['BF', 4],
	['MR', 3],
	['IT', 3],
	['PT', 3]
];

export type PartnerType = 'region' | 'ngo' | 'expert' | 'support' | 'buyer';

export const PARTNER_TYPE_WEIGHTS: readonly (readonly [PartnerType, number])[] = [
	['buyer', 30],
	['ngo', 20],
	['support', 20],
	['expert', 18],
	['region', 12]
];

export const PARTNER_WORDS = [
	'Terra',
	'Horizons',
	'Méditerranée',
	'Sahel',
	'Baobab',
	'Olivier',
	'Équitable',
	'Oasis',
	'Kora',
	'Teranga',
	'Jasmin',
	'Sud Solidaire',
	'Racines',
	'Passerelles',
	'Cèdre',
	'Solstice',
	'Alliance',
	'Tisserands',
	'Garrigue',
	'Sirocco'
];

/** Names by partner type; {w} a word, {c} the city, {r} the region. */
export const PARTNER_NAME_PATTERNS: Record<PartnerType, string[]> = {
	region: ['Communauté de communes de {c}', 'Conseil régional — {r}', 'Agglomération de {c}'],
	ngo: ['Association {w} {c}', 'ONG {w}', 'Réseau {w} pour l’économie solidaire'],
	expert: ['Cabinet {w} Conseil', 'Bureau d’études {w}', 'Experts {w} Agro'],
	support: ['Incubateur ESS {c}', 'Maison de l’ESS de {c}', 'Fonds {w} pour les coopératives'],
	buyer: [
		'Épicerie solidaire {w} ({c})',
		'Centrale d’achat {w}',
		'{w} Distribution',
		'Importations {w}'
	]
};

/** What partners offer to cooperatives, and the products buyers look for. */
export const PARTNER_OFFERS: Record<PartnerType, string[]> = {
	region: ['training', 'export', 'finance', 'marketing'],
	ngo: ['training', 'finance', 'certification'],
	expert: ['certification', 'training', 'labelling', 'marketing'],
	support: ['finance', 'training', 'equipment', 'marketing'],
	buyer: ['distribution', 'export', 'transport']
};

export const BUYER_NEEDS = [
	'olive_oil',
	'couscous',
	'dates',
	'honey',
	'essential_oils',
	'carpets',
	'clementines',
	'almonds',
	'date_products',
	'cheese'
];
