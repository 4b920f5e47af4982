import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { insertOrganizations } from '$lib/server/matching/seed-orgs';
import { CATEGORY_CODES, SECTOR_CODES } from '$lib/taxonomy/taxonomy';
import { PROVINCE_CODES } from '$lib/taxonomy/geography';

const org = z.object({
	slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$/),
	kind: z.enum(['cooperative', 'partner']).default('cooperative'),
	names: z.object({ ar: z.string().optional(), fr: z.string().optional() }),
	province: z.enum(PROVINCE_CODES).optional(),
	town: z.string().optional(),
	country: z.string().length(2).optional(),
	sectors: z.array(z.enum(SECTOR_CODES)).default([]),
	languages: z.array(z.string()).default(['ar']),
	verified: z.boolean().default(false),
	offers: z.array(z.enum(CATEGORY_CODES)).default([]),
	needs: z.array(z.enum(CATEGORY_CODES)).default([]),
	members: z
		.array(z.object({ userId: z.uuid(), role: z.enum(['owner', 'admin', 'member']) }))
		.default([])
});

/**
 * Test-only: creates organizations with their offers, needs and members, so the end-to-end test
 * of matching does not depend on what the demo seed happens to contain. Exists only when
 * TEST_ROUTES=1 (the e2e server); everywhere else it is a 404 like any unknown path.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (locals.deps.env.TEST_ROUTES !== '1') error(404);
	const { orgs } = z.object({ orgs: z.array(org).min(1).max(50) }).parse(await request.json());
	const ids = await locals.deps.db.tx((client) => insertOrganizations(client, orgs));
	return json({ ids: Object.fromEntries(ids) });
};
