import { findTown } from '$lib/taxonomy/geography';
import { findCategory } from '$lib/taxonomy/taxonomy';
import { createRng } from './prng';
import { BLANK_ORGANIZATION, type SeedListing, type SeedOrganization } from './seed-types';

/**
 * The demo accounts' own organizations (they are their owners), and a buyer for the couscous of
 * Taourirt: together they tell the product's story (a women's cooperative finds packaging in
 * Oujda and a buyer in Occitanie; a partner region finds certified olive oil in Berkane).
 */
export interface DemoOrganization {
	ownerEmail: string | null;
	org: SeedOrganization;
}

type Texts = [ar: string | null, fr: string | null, en: string | null];
const item = (
	slug: string,
	n: number,
	kind: 'offer' | 'need',
	category: string,
	title: Texts,
	text: Texts
): SeedListing => ({
	id: createRng(`demo:${slug}:listing:${n}`).uuid(),
	kind,
	category_code: category,
	stage_code: findCategory(category)!.stage,
	title_ar: title[0],
	title_fr: title[1],
	title_en: title[2],
	text_ar: text[0],
	text_fr: text[1],
	text_en: text[2]
});

function organization(
	fields: Partial<SeedOrganization> &
		Pick<SeedOrganization, 'slug' | 'kind' | 'country' | 'sectors' | 'listings'>
): SeedOrganization {
	const town = fields.province ? findTown(fields.province, fields.town) : null;
	return {
		...BLANK_ORGANIZATION,
		id: createRng(`demo:${fields.slug}`).uuid(),
		lat: town?.lat ?? null,
		lng: town?.lng ?? null,
		languages: ['ar', 'fr'],
		...fields
	};
}

const fatima = 'amal-couscous-taourirt';
const youssef = 'emballage-oriental-oujda';
const karim = 'zitoune-bio-beni-snassen';
const claire = 'region-occitanie';
const buyer = 'panier-d-oc-toulouse';

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
	{
		ownerEmail: 'fatima@tashbik.ma',
		org: organization({
			slug: fatima,
			kind: 'cooperative',
			name_ar: 'التعاونية النسوية الأمل للكسكس',
			name_fr: 'Coopérative féminine Al Amal du couscous',
			description_ar:
				'تعاونية نسائية في تاوريرت تحضر الكسكس يدويا من القمح الصلب والشعير المحليين، وتبحث عن تلفيف لائق ومشتري منتظم.',
			description_fr:
				'Coopérative de femmes à Taourirt qui roule à la main le couscous de blé dur et d’orge de la région ; elle cherche un emballage digne de ses produits et un acheteur régulier.',
			province: 'taourirt',
			town: 'taourirt',
			country: 'MA',
			founded_year: 2012,
			members_total: 24,
			members_women: 24,
			members_youth: 9,
			legal_form: 'cooperative',
			registration_number: '5/2012/0417',
			contact_email: 'fatima@tashbik.ma',
			sectors: ['agrifood'],
			listings: [
				item(
					fatima,
					1,
					'offer',
					'couscous',
					['كسكس يدوي بالقمح الصلب', 'Couscous roulé à la main', 'Hand-rolled couscous'],
					['300 كلغ شهريا، بدون مواد حافظة.', '300 kg par mois, sans conservateur.', null]
				),
				item(
					fatima,
					2,
					'offer',
					'couscous',
					['كسكس الشعير', 'Couscous d’orge', null],
					['بطريقة الجدات.', 'Selon la recette des grands-mères.', null]
				),
				item(
					fatima,
					3,
					'need',
					'packaging',
					['أكياس وعلب للتلفيف', 'Sachets et boîtes d’emballage', 'Packaging bags and boxes'],
					['أكياس من 1 كلغ مع ملصق.', 'Sachets de 1 kg avec étiquette.', null]
				),
				item(
					fatima,
					4,
					'need',
					'distribution',
					['نبحث عن مشتري', 'Nous cherchons un acheteur', 'Looking for a buyer'],
					[
						'مشتري منتظم داخل المغرب أو خارجه.',
						'Un acheteur régulier au Maroc ou à l’étranger.',
						null
					]
				)
			]
		})
	},
	{
		ownerEmail: 'youssef@tashbik.ma',
		org: organization({
			slug: youssef,
			kind: 'cooperative',
			name_ar: 'تعاونية الشرق للتلفيف والتعبئة',
			name_fr: 'Coopérative Emballage de l’Oriental',
			description_ar:
				'تعاونية بوجدة تصنع أكياس الورق والعلب الكرتونية والقنينات وتلفف منتجات التعاونيات الأخرى.',
			description_fr:
				'Coopérative d’Oujda qui fabrique sachets kraft, boîtes en carton et bocaux, et conditionne les produits d’autres coopératives.',
			province: 'oujda_angad',
			town: 'oujda',
			country: 'MA',
			founded_year: 2016,
			members_total: 11,
			members_women: 4,
			members_youth: 7,
			legal_form: 'cooperative',
			contact_email: 'youssef@tashbik.ma',
			sectors: ['services'],
			verified: true,
			listings: [
				item(
					youssef,
					1,
					'offer',
					'packaging',
					[
						'أكياس وعلب للتلفيف',
						'Sachets kraft et boîtes en carton',
						'Kraft bags and cardboard boxes'
					],
					[
						'من 500 وحدة، بطباعة اسم التعاونية.',
						'Dès 500 pièces, imprimés au nom de la coopérative.',
						null
					]
				),
				item(
					youssef,
					2,
					'offer',
					'labelling',
					['تصميم الملصقات', 'Création d’étiquettes', null],
					[null, 'Étiquettes bilingues arabe-français.', null]
				),
				item(
					youssef,
					3,
					'need',
					'equipment',
					['آلة تعبئة أوتوماتيكية', 'Machine de conditionnement automatique', null],
					[null, null, null]
				)
			]
		})
	},
	{
		ownerEmail: 'karim@tashbik.ma',
		org: organization({
			slug: karim,
			kind: 'cooperative',
			name_ar: 'تعاونية زيتون بني يزناسن البيولوجية',
			name_fr: 'Coopérative Zitoune Bio des Beni Snassen',
			name_en: 'Zitoune Organic Olive Oil Cooperative',
			description_ar: 'زيت زيتون بكر ممتاز معصور على البارد، حاصل على شهادة الفلاحة البيولوجية.',
			description_fr:
				'Huile d’olive vierge extra pressée à froid, certifiée bio, des vergers des Beni Snassen près de Berkane.',
			description_en:
				'Certified organic, cold-pressed extra virgin olive oil from the Beni Snassen hills.',
			province: 'berkane',
			town: 'berkane',
			country: 'MA',
			founded_year: 2009,
			members_total: 36,
			members_women: 12,
			members_youth: 10,
			legal_form: 'cooperative',
			certifications: ['Bio', 'ONSSA'],
			contact_email: 'karim@tashbik.ma',
			sectors: ['agriculture', 'agrifood'],
			verified: true,
			listings: [
				item(
					karim,
					1,
					'offer',
					'olive_oil',
					[
						'زيت زيتون بيولوجي بكر ممتاز',
						'Huile d’olive vierge extra bio certifiée',
						'Certified organic extra virgin olive oil'
					],
					['20 طنا في السنة.', '20 tonnes par an, en bouteilles ou en vrac.', '20 tonnes a year.']
				),
				item(
					karim,
					2,
					'need',
					'export',
					['مواكبة في التصدير', 'Accompagnement à l’export', null],
					[null, 'Vers l’Union européenne.', null]
				)
			]
		})
	},
	{
		ownerEmail: 'claire@occitanie.fr',
		org: organization({
			slug: claire,
			kind: 'partner',
			partner_type: 'region',
			name_ar: 'جهة أوكسيتانيا',
			name_fr: 'Région Occitanie',
			description_fr:
				'Région partenaire de l’Oriental : accompagnement à l’export, formations et mise en relation avec les réseaux de distribution d’Occitanie.',
			town: 'Montpellier',
			region: 'Occitanie',
			country: 'FR',
			lat: 43.6108,
			lng: 3.8767,
			languages: ['fr'],
			contact_email: 'claire@occitanie.fr',
			sectors: ['services', 'training'],
			verified: true,
			listings: [
				item(
					claire,
					1,
					'need',
					'olive_oil',
					['زيت زيتون بشهادة بيو', 'Huile d’olive certifiée bio', 'Certified organic olive oil'],
					[null, 'Pour les magasins de producteurs d’Occitanie.', null]
				),
				item(
					claire,
					2,
					'offer',
					'training',
					['تكوين ومواكبة', 'Formation et accompagnement', null],
					[null, 'Formations à la qualité et aux normes européennes.', null]
				),
				item(
					claire,
					3,
					'offer',
					'export',
					['مواكبة في التصدير', 'Aide à l’export', 'Export help'],
					[null, 'Salons, importateurs, logistique.', null]
				)
			]
		})
	},
	{
		ownerEmail: null,
		org: organization({
			slug: buyer,
			kind: 'partner',
			partner_type: 'buyer',
			name_fr: 'Épicerie solidaire Le Panier d’Oc',
			description_fr:
				'Épicerie coopérative de Toulouse : nous achetons couscous, huile d’olive et dattes à des coopératives de femmes, au juste prix.',
			town: 'Toulouse',
			region: 'Occitanie',
			country: 'FR',
			lat: 43.6047,
			lng: 1.4442,
			languages: ['fr'],
			sectors: ['trade'],
			listings: [
				item(
					buyer,
					1,
					'need',
					'couscous',
					['كسكس تقليدي', 'Couscous artisanal', null],
					[null, '200 kg par mois, sachets de 1 kg.', null]
				),
				item(
					buyer,
					2,
					'offer',
					'distribution',
					[null, 'Distribution en magasins', null],
					[null, 'Trois magasins à Toulouse.', null]
				)
			]
		})
	}
];
