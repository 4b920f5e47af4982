import type { Labels } from './labels';

/**
 * The platform's taxonomy: ODCO sectors, the eight value-chain stages, and offer/need categories.
 * Each product category belongs to a value chain (olive oil, couscous, ...); service categories
 * (packaging, transport, ...) serve every chain. This module is the single source: the boot copies
 * it into the taxonomy tables (foreign keys hold) and pages read labels from here.
 */
export interface Sector {
	code: string;
	label: Labels;
}
export interface Stage {
	code: string;
	label: Labels;
}
export interface Chain {
	code: string;
	label: Labels;
}
export interface Category {
	code: string;
	kind: 'product' | 'service';
	/** The product chain; null for services that serve any chain. */
	chain: string | null;
	/** The stage this category usually sits at (a default for forms, and a hint for matching). */
	stage: string;
	label: Labels;
}

export const SECTORS: Sector[] = [
	{ code: 'agriculture', label: { ar: 'الفلاحة', fr: 'Agriculture', en: 'Agriculture' } },
	{
		code: 'agrifood',
		label: { ar: 'الصناعات الغذائية', fr: 'Agroalimentaire', en: 'Agri-food processing' }
	},
	{ code: 'handicrafts', label: { ar: 'الصناعة التقليدية', fr: 'Artisanat', en: 'Handicrafts' } },
	{ code: 'argan', label: { ar: 'الأركان', fr: 'Argane', en: 'Argan' } },
	{
		code: 'aromatic_plants',
		label: {
			ar: 'النباتات العطرية والطبية',
			fr: 'Plantes aromatiques et médicinales',
			en: 'Aromatic and medicinal plants'
		}
	},
	{ code: 'beekeeping', label: { ar: 'تربية النحل', fr: 'Apiculture', en: 'Beekeeping' } },
	{ code: 'livestock', label: { ar: 'تربية المواشي', fr: 'Élevage', en: 'Livestock' } },
	{
		code: 'fishing',
		label: { ar: 'الصيد البحري التقليدي', fr: 'Pêche artisanale', en: 'Small-scale fishing' }
	},
	{ code: 'forestry', label: { ar: 'الغابات', fr: 'Forêts', en: 'Forestry' } },
	{ code: 'housing', label: { ar: 'السكن', fr: 'Habitat', en: 'Housing' } },
	{ code: 'consumption', label: { ar: 'الاستهلاك', fr: 'Consommation', en: 'Consumption' } },
	{ code: 'transport', label: { ar: 'النقل', fr: 'Transport', en: 'Transport' } },
	{ code: 'services', label: { ar: 'الخدمات', fr: 'Services', en: 'Services' } },
	{ code: 'tourism', label: { ar: 'السياحة', fr: 'Tourisme', en: 'Tourism' } },
	{ code: 'trade', label: { ar: 'التجارة', fr: 'Commerce', en: 'Trade' } },
	{
		code: 'training',
		label: {
			ar: 'التكوين ومحو الأمية',
			fr: 'Formation et alphabétisation',
			en: 'Training and literacy'
		}
	}
];

export const STAGES: Stage[] = [
	{ code: 'production', label: { ar: 'الإنتاج', fr: 'Production', en: 'Production' } },
	{ code: 'processing', label: { ar: 'التحويل', fr: 'Transformation', en: 'Processing' } },
	{
		code: 'packaging',
		label: { ar: 'التلفيف والتعبئة', fr: 'Conditionnement et emballage', en: 'Packaging' }
	},
	{
		code: 'transport_logistics',
		label: { ar: 'النقل واللوجستيك', fr: 'Transport et logistique', en: 'Transport and logistics' }
	},
	{
		code: 'distribution_export',
		label: { ar: 'التوزيع والتصدير', fr: 'Distribution et export', en: 'Distribution and export' }
	},
	{ code: 'training', label: { ar: 'التكوين', fr: 'Formation', en: 'Training' } },
	{ code: 'finance', label: { ar: 'التمويل', fr: 'Financement', en: 'Finance' } },
	{ code: 'equipment', label: { ar: 'المعدات', fr: 'Équipement', en: 'Equipment' } }
];

/** Stage order along a value chain: adjacent stages make natural partners. */
export const STAGE_ORDER = [
	'production',
	'processing',
	'packaging',
	'transport_logistics',
	'distribution_export'
];

export const CHAINS: Chain[] = [
	{ code: 'olive_oil', label: { ar: 'زيت الزيتون', fr: 'Huile d’olive', en: 'Olive oil' } },
	{
		code: 'couscous_cereals',
		label: { ar: 'الكسكس والحبوب', fr: 'Couscous et céréales', en: 'Couscous and cereals' }
	},
	{ code: 'honey', label: { ar: 'العسل', fr: 'Miel', en: 'Honey' } },
	{ code: 'dates', label: { ar: 'التمور', fr: 'Dattes', en: 'Dates' } },
	{ code: 'citrus', label: { ar: 'الحوامض', fr: 'Agrumes', en: 'Citrus' } },
	{
		code: 'aromatic_plants',
		label: { ar: 'النباتات العطرية', fr: 'Plantes aromatiques', en: 'Aromatic plants' }
	},
	{
		code: 'sheep_wool',
		label: { ar: 'الأغنام والصوف', fr: 'Ovins et laine', en: 'Sheep and wool' }
	},
	{ code: 'dairy', label: { ar: 'الحليب ومشتقاته', fr: 'Lait et produits laitiers', en: 'Dairy' } },
	{ code: 'fishing', label: { ar: 'منتجات البحر', fr: 'Produits de la mer', en: 'Seafood' } },
	{
		code: 'textiles',
		label: { ar: 'الزرابي والنسيج', fr: 'Tapis et textiles', en: 'Carpets and textiles' }
	},
	{ code: 'almonds', label: { ar: 'اللوز', fr: 'Amandes', en: 'Almonds' } }
];

const p = (
	code: string,
	chain: string,
	stage: string,
	ar: string,
	fr: string,
	en: string
): Category => ({
	code,
	kind: 'product',
	chain,
	stage,
	label: { ar, fr, en }
});
const s = (code: string, stage: string, ar: string, fr: string, en: string): Category => ({
	code,
	kind: 'service',
	chain: null,
	stage,
	label: { ar, fr, en }
});

export const CATEGORIES: Category[] = [
	p('olives', 'olive_oil', 'production', 'الزيتون', 'Olives', 'Olives'),
	p('olive_oil', 'olive_oil', 'processing', 'زيت الزيتون', 'Huile d’olive', 'Olive oil'),
	p(
		'cold_pressing',
		'olive_oil',
		'processing',
		'العصر على البارد',
		'Pressage à froid',
		'Cold pressing'
	),
	p('durum_wheat', 'couscous_cereals', 'production', 'القمح الصلب', 'Blé dur', 'Durum wheat'),
	p('barley', 'couscous_cereals', 'production', 'الشعير', 'Orge', 'Barley'),
	p('couscous', 'couscous_cereals', 'processing', 'الكسكس', 'Couscous', 'Couscous'),
	p('honey', 'honey', 'production', 'العسل', 'Miel', 'Honey'),
	p('bee_products', 'honey', 'processing', 'منتجات النحل', 'Produits de la ruche', 'Bee products'),
	p('dates', 'dates', 'production', 'التمور', 'Dattes', 'Dates'),
	p(
		'date_products',
		'dates',
		'processing',
		'مشتقات التمر',
		'Produits dérivés de la datte',
		'Date products'
	),
	p(
		'clementines',
		'citrus',
		'production',
		'كليمانتين بركان',
		'Clémentines de Berkane',
		'Berkane clementines'
	),
	p('citrus_juice', 'citrus', 'processing', 'عصير الحوامض', 'Jus d’agrumes', 'Citrus juice'),
	p('rosemary', 'aromatic_plants', 'production', 'إكليل الجبل', 'Romarin', 'Rosemary'),
	p('thyme', 'aromatic_plants', 'production', 'الزعتر', 'Thym', 'Thyme'),
	p(
		'essential_oils',
		'aromatic_plants',
		'processing',
		'الزيوت الأساسية',
		'Huiles essentielles',
		'Essential oils'
	),
	p('sheep', 'sheep_wool', 'production', 'الأغنام', 'Ovins', 'Sheep'),
	p('wool', 'sheep_wool', 'processing', 'الصوف', 'Laine', 'Wool'),
	p('milk', 'dairy', 'production', 'الحليب', 'Lait', 'Milk'),
	p('cheese', 'dairy', 'processing', 'الجبن', 'Fromage', 'Cheese'),
	p('fresh_fish', 'fishing', 'production', 'السمك الطري', 'Poisson frais', 'Fresh fish'),
	p(
		'processed_fish',
		'fishing',
		'processing',
		'السمك المصبر',
		'Poisson transformé',
		'Processed fish'
	),
	p('carpets', 'textiles', 'processing', 'الزرابي', 'Tapis', 'Carpets'),
	p('textiles', 'textiles', 'processing', 'المنسوجات', 'Textiles', 'Textiles'),
	p('almonds', 'almonds', 'production', 'اللوز', 'Amandes', 'Almonds'),
	s('packaging', 'packaging', 'التلفيف والتعبئة', 'Emballage et conditionnement', 'Packaging'),
	s('labelling', 'packaging', 'الوسم والتصميم', 'Étiquetage et design', 'Labelling and design'),
	s('transport', 'transport_logistics', 'النقل', 'Transport', 'Transport'),
	s(
		'cold_storage',
		'transport_logistics',
		'التخزين والتبريد',
		'Stockage frigorifique',
		'Cold storage'
	),
	s(
		'distribution',
		'distribution_export',
		'التوزيع والبيع',
		'Distribution et vente',
		'Distribution and sales'
	),
	s('export', 'distribution_export', 'التصدير', 'Export', 'Export'),
	s(
		'training',
		'training',
		'التكوين والمواكبة',
		'Formation et accompagnement',
		'Training and coaching'
	),
	s(
		'certification',
		'training',
		'الشهادات والجودة',
		'Certification et qualité',
		'Certification and quality'
	),
	s('finance', 'finance', 'التمويل', 'Financement', 'Finance'),
	s(
		'equipment',
		'equipment',
		'المعدات والآلات',
		'Équipements et machines',
		'Equipment and machinery'
	),
	s(
		'marketing',
		'distribution_export',
		'التسويق والمعارض',
		'Marketing et salons',
		'Marketing and fairs'
	),
	s(
		'tourism_hosting',
		'distribution_export',
		'الإيواء والسياحة القروية',
		'Hébergement et tourisme rural',
		'Rural tourism and hosting'
	)
];

export const SECTOR_CODES = SECTORS.map((x) => x.code) as [string, ...string[]];
export const STAGE_CODES = STAGES.map((x) => x.code) as [string, ...string[]];
export const CATEGORY_CODES = CATEGORIES.map((x) => x.code) as [string, ...string[]];
export const CHAIN_CODES = CHAINS.map((x) => x.code) as [string, ...string[]];

export const findCategory = (code: string) => CATEGORIES.find((c) => c.code === code) ?? null;
export const findSector = (code: string) => SECTORS.find((c) => c.code === code) ?? null;
export const findStage = (code: string) => STAGES.find((c) => c.code === code) ?? null;
export const findChain = (code: string) => CHAINS.find((c) => c.code === code) ?? null;
