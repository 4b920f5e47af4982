import { z } from 'zod';
import { emailSchema } from '$lib/server/auth/auth.schema';
import { ORG_ROLES } from '$lib/organizations/options';

const orgId = z.uuid({ error: 'error_not_found' });
const role = z.enum(ORG_ROLES, { error: 'org_field_role_invalid' });

export const orgInput = z.object({ organizationId: orgId });
export const inviteInput = z.object({ organizationId: orgId, email: emailSchema, role });
export const setRoleInput = z.object({
	organizationId: orgId,
	userId: z.uuid({ error: 'error_not_found' }),
	role
});
export const removeMemberInput = z.object({
	organizationId: orgId,
	userId: z.uuid({ error: 'error_not_found' })
});
export const revokeInvitationInput = z.object({
	organizationId: orgId,
	id: z.uuid({ error: 'error_not_found' })
});
/** Invitation links carry 32 base32 characters; anything else cannot be one. */
export const tokenInput = z.object({ token: z.string().regex(/^[a-z2-7]{20,64}$/) });
