import { z } from 'zod';
import { PROVINCE_CODES } from '$lib/taxonomy/geography';
import { CHAIN_CODES, SECTOR_CODES } from '$lib/taxonomy/taxonomy';

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: 'field_too_long' })
		.optional()
		.transform((v) => (v ? v : undefined));

const id = z.uuid({ error: 'field_invalid' });

export const proposeClusterInput = z
	.object({
		organizationId: id,
		nameAr: text(120),
		nameFr: text(120),
		nameEn: text(120),
		purposeAr: text(4000),
		purposeFr: text(4000),
		purposeEn: text(4000),
		sectorCode: z.enum(SECTOR_CODES, { error: 'field_required' }),
		chainCode: z.enum(CHAIN_CODES).optional(),
		provinces: z.array(z.enum(PROVINCE_CODES)).max(8).default([])
	})
	.refine((v) => v.nameAr || v.nameFr || v.nameEn, {
		error: 'cluster_field_name_required',
		path: ['nameAr']
	});
export type ProposeClusterInput = z.infer<typeof proposeClusterInput>;

export const clusterRef = z.object({ clusterId: id });
/** An action by one organization (`organizationId`, the one the user acts for) on a cluster. */
export const clusterActorInput = clusterRef.extend({ organizationId: id });
export const clusterTargetInput = clusterActorInput.extend({
	targetOrgId: id,
	message: text(1000)
});
export const clusterDecisionInput = clusterActorInput.extend({
	targetOrgId: id,
	accept: z.boolean()
});
export const clusterRespondInput = clusterActorInput.extend({ accept: z.boolean() });
export const clusterReasonInput = clusterRef.extend({
	reason: z.string().trim().min(3, { error: 'cluster_field_reason_required' }).max(2000)
});
export const clusterActorReasonInput = clusterActorInput.extend({ reason: text(2000) });
