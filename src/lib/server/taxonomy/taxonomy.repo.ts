import type { Queryable } from '$lib/server/db/db';
import { CATEGORIES, CHAINS, SECTORS, STAGES } from '$lib/taxonomy/taxonomy';

/**
 * Copies the taxonomy (src/lib/taxonomy, the single source) into its tables so that foreign keys
 * hold. Idempotent; labels follow the code, and entries are never deleted (rows may refer to them).
 */
export async function syncTaxonomy(db: Queryable) {
	const upsert = async (
		table: string,
		rows: { code: string; label: { ar: string; fr: string; en: string } }[]
	) => {
		for (const [i, r] of rows.entries()) {
			await db.query(
				`INSERT INTO ${table} (code, label_ar, label_fr, label_en, sort) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (code) DO UPDATE SET label_ar = excluded.label_ar, label_fr = excluded.label_fr, label_en = excluded.label_en, sort = excluded.sort`,
				[r.code, r.label.ar, r.label.fr, r.label.en, i]
			);
		}
	};
	await upsert('sectors', SECTORS);
	await upsert('value_chain_stages', STAGES);
	await upsert('value_chains', CHAINS);
	for (const [i, c] of CATEGORIES.entries()) {
		await db.query(
			`INSERT INTO categories (code, kind, chain_code, stage_code, label_ar, label_fr, label_en, sort)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			 ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, chain_code = excluded.chain_code, stage_code = excluded.stage_code,
			   label_ar = excluded.label_ar, label_fr = excluded.label_fr, label_en = excluded.label_en, sort = excluded.sort`,
			[c.code, c.kind, c.chain, c.stage, c.label.ar, c.label.fr, c.label.en, i]
		);
	}
}
