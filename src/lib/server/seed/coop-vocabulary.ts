/**
 * Words the generator builds cooperatives from: names, value chains by province (what the
 * Oriental actually produces where), and how offers and needs are phrased in Arabic, French and
 * English. Data, not UI copy.
 */
export type Tri = readonly [ar: string, fr: string, en: string];

/** Names cooperatives commonly take: values, places, plants ([Arabic, transliteration]). */
export const COOP_NAMES: readonly (readonly [string, string])[] = [
	['الأمل', 'Al Amal'],
	['النور', 'Nour'],
	['الخير', 'Al Khair'],
	['الفلاح', 'Al Falah'],
	['الوحدة', 'Al Wahda'],
	['الإخلاص', 'Al Ikhlass'],
	['السلام', 'Assalam'],
	['البركة', 'Al Baraka'],
	['الرجاء', 'Ar-Raja'],
	['الياسمين', 'Yasmine'],
	['الزهراء', 'Zahra'],
	['تيفاوين', 'Tifawin'],
	['تامونت', 'Tamount'],
	['أنوال', 'Anoual'],
	['المستقبل', 'Al Moustakbal'],
	['النجاح', 'Annajah'],
	['الصفاء', 'Assafa'],
	['الأطلس', 'Atlas'],
	['ملوية', 'Moulouya'],
	['بني يزناسن', 'Beni Snassen'],
	['زكزل', 'Zegzel'],
	['الواحة', 'Al Waha'],
	['الشروق', 'Chourouk'],
	['الفتح', 'Al Fath'],
	['الأصالة', 'Al Assala'],
	['التضامن', 'Attadamoun'],
	['الكرامة', 'Al Karama'],
	['الهدى', 'Al Houda'],
	['الربيع', 'Arrabie'],
	['السنابل', 'Sanabil'],
	['الزيتونة', 'Zitouna'],
	['النخلة', 'Nakhla'],
	['تافوغالت', 'Tafoughalt'],
	['إيمان', 'Imane'],
	['الوفاء', 'Al Wafae'],
	['الإشراق', 'Al Ichraq'],
	['الغد', 'Al Ghad'],
	['النسيم', 'Annassim'],
	['المسيرة', 'Al Massira'],
	['الرحمة', 'Arrahma'],
	['تازغين', 'Tazaghine'],
	['ثيزيري', 'Thiziri'],
	['تودرت', 'Toudert'],
	['أزهار', 'Azhar'],
	['الريحان', 'Rayhane'],
	['الخزامى', 'Al Khouzama'],
	['الشعاع', 'Chouaa'],
	['الإتقان', 'Al Itqane'],
	['السعادة', 'Assaada'],
	['عين الشفاء', 'Ain Chifae']
];

export interface ChainProfile {
	code: string;
	/** "تعاونية X {suffix}": for the couscous, of honey... */
	suffix: Tri;
	sectors: string[];
	/** What such a cooperative offers. */
	offers: string[];
	/** Inputs it buys from the stage before it. */
	inputs: string[];
}

export const CHAIN_PROFILES: Record<string, ChainProfile> = {
	olive_oil: {
		code: 'olive_oil',
		suffix: ['لإنتاج زيت الزيتون', 'des huiles d’olive', 'olive oil'],
		sectors: ['agriculture', 'agrifood'],
		offers: ['olive_oil', 'olives', 'cold_pressing'],
		inputs: ['olives']
	},
	couscous_cereals: {
		code: 'couscous_cereals',
		suffix: ['للكسكس والمنتجات المجالية', 'du couscous et produits du terroir', 'couscous'],
		sectors: ['agrifood'],
		offers: ['couscous', 'durum_wheat', 'barley'],
		inputs: ['durum_wheat', 'barley']
	},
	honey: {
		code: 'honey',
		suffix: ['لتربية النحل', 'apicole', 'beekeeping'],
		sectors: ['beekeeping'],
		offers: ['honey', 'bee_products'],
		inputs: []
	},
	dates: {
		code: 'dates',
		suffix: ['للتمور', 'des dattes', 'dates'],
		sectors: ['agriculture', 'agrifood'],
		offers: ['dates', 'date_products'],
		inputs: ['dates']
	},
	citrus: {
		code: 'citrus',
		suffix: ['للحوامض', 'des agrumes', 'citrus'],
		sectors: ['agriculture'],
		offers: ['clementines', 'citrus_juice'],
		inputs: ['clementines']
	},
	aromatic_plants: {
		code: 'aromatic_plants',
		suffix: [
			'للنباتات العطرية والطبية',
			'des plantes aromatiques et médicinales',
			'aromatic and medicinal plants'
		],
		sectors: ['aromatic_plants'],
		offers: ['rosemary', 'thyme', 'essential_oils'],
		inputs: ['rosemary', 'thyme']
	},
	sheep_wool: {
		code: 'sheep_wool',
		suffix: ['لتربية الأغنام', 'd’élevage ovin', 'sheep farming'],
		sectors: ['livestock'],
		offers: ['sheep', 'wool'],
		inputs: []
	},
	dairy: {
		code: 'dairy',
		suffix: ['للحليب ومشتقاته', 'laitière', 'dairy'],
		sectors: ['livestock', 'agrifood'],
		offers: ['milk', 'cheese'],
		inputs: ['milk']
	},
	fishing: {
		code: 'fishing',
		suffix: ['للصيد التقليدي', 'de pêche artisanale', 'small-scale fishing'],
		sectors: ['fishing'],
		offers: ['fresh_fish', 'processed_fish'],
		inputs: ['fresh_fish']
	},
	textiles: {
		code: 'textiles',
		suffix: ['للزرابي والنسيج', 'de tapis et tissage', 'carpets and weaving'],
		sectors: ['handicrafts'],
		offers: ['carpets', 'textiles'],
		inputs: ['wool']
	},
	almonds: {
		code: 'almonds',
		suffix: ['للوز', 'des amandes', 'almonds'],
		sectors: ['agriculture'],
		offers: ['almonds'],
		inputs: []
	}
};

/** Service cooperatives: they serve every chain (packaging in Oujda, transport in Nador...). */
export const SERVICE_PROFILES: ChainProfile[] = [
	{
		code: 'packaging',
		suffix: ['للتلفيف والتعبئة', 'd’emballage et conditionnement', 'packaging'],
		sectors: ['services'],
		offers: ['packaging', 'labelling'],
		inputs: []
	},
	{
		code: 'transport',
		suffix: ['للنقل واللوجستيك', 'de transport et logistique', 'transport and logistics'],
		sectors: ['transport'],
		offers: ['transport', 'cold_storage'],
		inputs: []
	},
	{
		code: 'training',
		suffix: ['للتكوين والمواكبة', 'de formation et d’accompagnement', 'training and coaching'],
		sectors: ['training', 'services'],
		offers: ['training', 'certification', 'marketing'],
		inputs: []
	},
	{
		code: 'tourism',
		suffix: ['للسياحة القروية', 'de tourisme rural', 'rural tourism'],
		sectors: ['tourism'],
		offers: ['tourism_hosting', 'marketing'],
		inputs: []
	}
];

/** What each province mostly produces, with weights. */
export const PROVINCE_CHAINS: Record<string, readonly (readonly [string, number])[]> = {
	oujda_angad: [
		['couscous_cereals', 4],
		['olive_oil', 3],
		['textiles', 3],
		['aromatic_plants', 2],
		['dairy', 2],
		['honey', 2]
	],
	berkane: [
		['citrus', 6],
		['olive_oil', 3],
		['honey', 2],
		['aromatic_plants', 2],
		['dairy', 1]
	],
	nador: [
		['fishing', 6],
		['olive_oil', 2],
		['textiles', 2],
		['almonds', 2],
		['honey', 1]
	],
	driouch: [
		['olive_oil', 4],
		['almonds', 3],
		['honey', 2],
		['textiles', 2]
	],
	taourirt: [
		['couscous_cereals', 4],
		['olive_oil', 3],
		['honey', 2],
		['sheep_wool', 2],
		['aromatic_plants', 2]
	],
	jerada: [
		['sheep_wool', 4],
		['aromatic_plants', 4],
		['textiles', 3],
		['honey', 2]
	],
	guercif: [
		['olive_oil', 5],
		['couscous_cereals', 2],
		['almonds', 2],
		['sheep_wool', 2]
	],
	figuig: [
		['dates', 6],
		['sheep_wool', 3],
		['textiles', 2],
		['aromatic_plants', 2]
	]
};

/** How offers are titled, by category ([ar, fr, en] variants). */
export const OFFER_TITLES: Record<string, Tri[]> = {
	olives: [
		['زيتون المائدة', 'Olives de table', 'Table olives'],
		['زيتون طري للعصر', 'Olives fraîches pour la trituration', 'Fresh olives for pressing']
	],
	olive_oil: [
		['زيت زيتون بكر ممتاز', 'Huile d’olive vierge extra', 'Extra virgin olive oil'],
		['زيت الزيتون البلدي', 'Huile d’olive beldi', 'Traditional beldi olive oil']
	],
	cold_pressing: [['خدمة العصر على البارد', 'Pressage à froid à façon', 'Cold pressing service']],
	durum_wheat: [['قمح صلب محلي', 'Blé dur local', 'Local durum wheat']],
	barley: [['شعير بلدي', 'Orge beldi', 'Local barley']],
	couscous: [
		['كسكس يدوي', 'Couscous roulé à la main', 'Hand-rolled couscous'],
		['كسكس الشعير', 'Couscous d’orge', 'Barley couscous'],
		['بركوكش ومحمصة', 'Berkoukech et mhamsa', 'Berkoukech and mhamsa']
	],
	honey: [
		['عسل الزعتر', 'Miel de thym', 'Thyme honey'],
		['عسل الدغموس', 'Miel d’euphorbe', 'Euphorbia honey'],
		['عسل إكليل الجبل', 'Miel de romarin', 'Rosemary honey']
	],
	bee_products: [['حبوب اللقاح وشمع النحل', 'Pollen et cire d’abeille', 'Pollen and beeswax']],
	dates: [
		['تمور عزيزة بوزيد', 'Dattes Aziza Bouzid', 'Aziza Bouzid dates'],
		['تمور فجيج', 'Dattes de Figuig', 'Figuig dates']
	],
	date_products: [
		['معجون التمر', 'Pâte de dattes', 'Date paste'],
		['دبس التمر', 'Sirop de dattes', 'Date syrup']
	],
	clementines: [['كليمانتين بركان', 'Clémentines de Berkane', 'Berkane clementines']],
	citrus_juice: [['عصير البرتقال الطبيعي', 'Jus d’orange naturel', 'Fresh orange juice']],
	rosemary: [['إكليل الجبل المجفف', 'Romarin séché', 'Dried rosemary']],
	thyme: [['زعتر بري', 'Thym sauvage', 'Wild thyme']],
	essential_oils: [
		['زيت إكليل الجبل الأساسي', 'Huile essentielle de romarin', 'Rosemary essential oil'],
		['زيت الزعتر الأساسي', 'Huile essentielle de thym', 'Thyme essential oil']
	],
	sheep: [['خرفان سلالة بني كيل', 'Agneaux de race Beni Guil', 'Beni Guil lambs']],
	wool: [['صوف مغسول وممشط', 'Laine lavée et cardée', 'Washed and carded wool']],
	milk: [['حليب طري', 'Lait frais', 'Fresh milk']],
	cheese: [
		['جبن الماعز', 'Fromage de chèvre', 'Goat cheese'],
		['جبن بلدي', 'Jben traditionnel', 'Traditional jben cheese']
	],
	fresh_fish: [
		['سردين طري', 'Sardines fraîches', 'Fresh sardines'],
		['أسماك بحيرة مارتشيكا', 'Poissons de la lagune de Marchica', 'Marchica lagoon fish']
	],
	processed_fish: [['سمك مملح ومصبر', 'Poisson salé et conserves', 'Salted and canned fish']],
	carpets: [
		['زرابي بني يزناسن', 'Tapis des Beni Snassen', 'Beni Snassen carpets'],
		['زرابي الهضاب العليا', 'Tapis des hauts plateaux', 'High plateaus carpets']
	],
	textiles: [
		['منسوجات يدوية', 'Tissages faits main', 'Hand-woven textiles'],
		['جلابيب وحنابل', 'Djellabas et hanbels', 'Djellabas and hanbel blankets']
	],
	almonds: [['لوز بلدي', 'Amandes beldi', 'Local almonds']],
	packaging: [
		['أكياس وعلب للتلفيف', 'Sachets et boîtes d’emballage', 'Bags and boxes for packaging'],
		['قنينات زجاجية', 'Bouteilles et bocaux en verre', 'Glass bottles and jars'],
		['تعبئة وتلفيف المنتجات', 'Conditionnement à façon', 'Contract packaging']
	],
	labelling: [['تصميم الملصقات', 'Création d’étiquettes', 'Label design']],
	transport: [
		['نقل البضائع', 'Transport de marchandises', 'Freight transport'],
		['نقل مبرد', 'Transport frigorifique', 'Refrigerated transport']
	],
	cold_storage: [['غرف التبريد', 'Chambres froides', 'Cold rooms']],
	distribution: [
		['شراء بالجملة', 'Achat en gros', 'Wholesale buying'],
		['توزيع في المتاجر', 'Distribution en magasins', 'Retail distribution']
	],
	export: [['مواكبة في التصدير', 'Accompagnement à l’export', 'Export support']],
	training: [
		[
			'تكوين في التدبير التعاوني',
			'Formation à la gestion coopérative',
			'Cooperative management training'
		],
		['تكوين في السلامة الصحية', 'Formation à l’hygiène alimentaire', 'Food hygiene training']
	],
	certification: [
		[
			'مواكبة للحصول على شهادة بيو',
			'Accompagnement à la certification bio',
			'Organic certification support'
		]
	],
	finance: [
		['قروض صغرى', 'Microcrédit', 'Microcredit'],
		['منح للتجهيز', 'Subventions d’équipement', 'Equipment grants']
	],
	equipment: [
		['آلة تعبئة', 'Machine de conditionnement', 'Packaging machine'],
		['معصرة حديثة', 'Presse moderne', 'Modern press']
	],
	marketing: [
		['مشاركة في المعارض', 'Participation aux salons', 'Trade fair participation'],
		['بيع عبر الإنترنت', 'Vente en ligne', 'Online sales']
	],
	tourism_hosting: [['إيواء قروي', 'Gîte rural', 'Rural guesthouse']]
};

/** How needs are titled, by category; others use "نبحث عن: {label}". */
export const NEED_TITLES: Record<string, Tri> = {
	packaging: [
		'نبحث عن مورد لمواد التلفيف',
		'Nous cherchons un fournisseur d’emballages',
		'Looking for a packaging supplier'
	],
	labelling: ['نحتاج إلى تصميم ملصقات', 'Besoin de créer nos étiquettes', 'We need label design'],
	transport: [
		'نبحث عن ناقل لمنتجاتنا',
		'Nous cherchons un transporteur',
		'Looking for a transport partner'
	],
	cold_storage: ['نحتاج إلى غرفة تبريد', 'Besoin d’une chambre froide', 'We need cold storage'],
	distribution: [
		'نبحث عن مشتري أو موزع',
		'Nous cherchons un acheteur ou un distributeur',
		'Looking for a buyer or distributor'
	],
	export: ['نرغب في التصدير', 'Nous voulons exporter', 'We want to export'],
	training: ['نحتاج إلى تكوين', 'Besoin de formation', 'We need training'],
	certification: [
		'نسعى للحصول على شهادة الجودة',
		'Nous visons une certification qualité',
		'We seek quality certification'
	],
	finance: ['نبحث عن تمويل', 'Nous cherchons un financement', 'Looking for funding'],
	equipment: ['نحتاج إلى معدات', 'Besoin d’équipement', 'We need equipment'],
	marketing: [
		'نبحث عن فرص للمشاركة في المعارض',
		'Nous cherchons des salons où exposer',
		'Looking for fairs to exhibit at'
	]
};

export const QUALITIES: Tri[] = [
	['بطرق تقليدية', 'selon des méthodes traditionnelles', 'made the traditional way'],
	['من الفلاحة البيولوجية', 'issus de l’agriculture biologique', 'from organic farming'],
	['من إنتاج محلي', 'de production locale', 'locally produced'],
	['بجودة عالية', 'de grande qualité', 'of high quality']
];

export const GOALS: Tri[] = [
	[
		'توسيع أسواقها داخل المغرب وخارجه',
		'élargir ses marchés au Maroc et à l’étranger',
		'reach new markets in Morocco and abroad'
	],
	[
		'تحسين التلفيف والحصول على شهادة الجودة',
		'améliorer son conditionnement et obtenir une certification',
		'improve its packaging and get certified'
	],
	[
		'التكتل مع تعاونيات أخرى في سلسلة القيمة',
		'se regrouper avec d’autres coopératives de la filière',
		'form a cluster with other cooperatives of its value chain'
	],
	[
		'تكوين أعضائها في التسويق الرقمي',
		'former ses membres au marketing numérique',
		'train its members in digital marketing'
	]
];
