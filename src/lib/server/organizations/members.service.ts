import { randomBytes } from 'node:crypto';
import type { User } from 'lucia';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { AppError, notFound } from '$lib/server/errors';
import { hashToken } from '$lib/server/auth/auth.service';
import { findUserByEmail } from '$lib/server/auth/auth.repo';
import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import { localized, pickText } from '$lib/organizations/options';
import { getOrgRole, requireOrgRole, MANAGER_ROLES, type OrgRole } from './membership';
import { lockOrganization, findById } from './organizations.repo';
import * as repo from './members.repo';

export const INVITATION_TTL_DAYS = 7;
const MAX_PENDING_INVITATIONS = 50;
const RANK: Record<OrgRole, number> = { owner: 3, admin: 2, member: 1 };

async function lockOrg(client: Queryable, orgId: string) {
	const org = await lockOrganization(client, orgId);
	if (!org) throw notFound();
	return org;
}

/** Admins manage members and admins; owners alone grant, change or remove the owner role. */
function checkOwnerRule(actorRole: OrgRole, targetRole: OrgRole | null, newRole?: OrgRole) {
	if (actorRole !== 'owner' && (targetRole === 'owner' || newRole === 'owner'))
		throw new AppError('FORBIDDEN', 'org_error_owner_only', {
			fieldErrors: newRole ? { role: ['org_error_owner_only'] } : undefined
		});
}

async function refuseLastOwner(client: Queryable, orgId: string, targetRole: OrgRole | null) {
	if (targetRole === 'owner' && (await repo.countOwners(client, orgId)) <= 1)
		throw new AppError('CONFLICT', 'org_error_last_owner');
}

export async function listMembers(deps: AppDeps, userId: string, organizationId: string) {
	const viewerRole = await requireOrgRole(deps.db, organizationId, userId);
	const manager = MANAGER_ROLES.includes(viewerRole);
	const [members, invitations] = await Promise.all([
		repo.listMembers(deps.db, organizationId),
		manager ? repo.listPendingInvitations(deps.db, organizationId) : Promise.resolve([])
	]);
	return {
		viewerRole,
		owners: members.filter((row) => row.role === 'owner').length,
		members: members.map((row) => ({
			userId: row.user_id,
			displayName: row.display_name,
			// Addresses are for the people who manage the organization.
			email: manager || row.user_id === userId ? row.email : null,
			role: row.role,
			since: row.created_at
		})),
		invitations: invitations.map((i) => ({
			id: i.id,
			email: i.email,
			role: i.role,
			expiresAt: i.expires_at
		}))
	};
}

/**
 * Invites an address: a single-use link valid INVITATION_TTL_DAYS days, of which only the
 * SHA-256 is stored. The link goes by mail; without a mail server it is returned to the inviter
 * (who passes it on) and the log mailer writes it to the log.
 */
export async function inviteMember(
	deps: AppDeps,
	inviter: Pick<User, 'id' | 'displayName'>,
	input: { organizationId: string; email: string; role: OrgRole },
	meta: { origin: string; locale: Locale }
) {
	const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
	const { org, invitation } = await deps.db.tx(async (client) => {
		const org = await lockOrg(client, input.organizationId);
		const actorRole = await requireOrgRole(client, org.id, inviter.id, MANAGER_ROLES);
		checkOwnerRule(actorRole, null, input.role);
		if (await repo.isMemberByEmail(client, org.id, input.email))
			throw new AppError('CONFLICT', 'org_error_already_member', {
				fieldErrors: { email: ['org_error_already_member'] }
			});
		if ((await repo.listPendingInvitations(client, org.id)).length >= MAX_PENDING_INVITATIONS)
			throw new AppError('CONFLICT', 'org_error_too_many_invitations');
		await repo.revokePendingFor(client, org.id, input.email);
		const invitation = await repo.insertInvitation(client, {
			orgId: org.id,
			email: input.email,
			role: input.role,
			tokenHash: hashToken(token),
			invitedBy: inviter.id,
			expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000)
		});
		return { org, invitation };
	});

	const link = `${meta.origin}/invitations/${token}`;
	// The invitee's own language when they have an account, else the inviter's.
	const locale = (await findUserByEmail(deps.db, input.email))?.locale ?? meta.locale;
	const orgName = pickText(localized(org, 'name'), locale)?.text ?? org.slug;
	let mailed = false;
	try {
		await deps.mailer.send({
			to: input.email,
			subject: translate('org_mail_invite_subject', { org: orgName }, locale),
			text: translate(
				'org_mail_invite_body',
				{ inviter: inviter.displayName, org: orgName, link, days: INVITATION_TTL_DAYS },
				locale
			)
		});
		mailed = !!deps.env.SMTP_URL;
	} catch (err) {
		deps.log.warn({ err, to: input.email }, 'invitation mail not sent; the link is shown instead');
	}
	return {
		id: invitation.id,
		email: invitation.email,
		expiresAt: invitation.expires_at,
		mailed,
		// Only when no mail went out: the inviter is then the way the link reaches the invitee.
		link: mailed ? null : link
	};
}

export async function revokeInvitation(
	deps: AppDeps,
	userId: string,
	input: { organizationId: string; id: string }
) {
	await requireOrgRole(deps.db, input.organizationId, userId, MANAGER_ROLES);
	if (!(await repo.revokeInvitation(deps.db, input.organizationId, input.id))) throw notFound();
}

export async function setMemberRole(
	deps: AppDeps,
	actorId: string,
	input: { organizationId: string; userId: string; role: OrgRole }
) {
	await deps.db.tx(async (client) => {
		const org = await lockOrg(client, input.organizationId);
		const actorRole = await requireOrgRole(client, org.id, actorId, MANAGER_ROLES);
		const targetRole = await getOrgRole(client, org.id, input.userId);
		if (!targetRole) throw notFound();
		checkOwnerRule(actorRole, targetRole, input.role);
		if (input.role !== 'owner') await refuseLastOwner(client, org.id, targetRole);
		await repo.updateRole(client, org.id, input.userId, input.role);
	});
}

/** Removes a member, or lets a member leave (userId = actorId). The last owner stays. */
export async function removeMember(
	deps: AppDeps,
	actorId: string,
	input: { organizationId: string; userId: string }
) {
	await deps.db.tx(async (client) => {
		const org = await lockOrg(client, input.organizationId);
		const leaving = actorId === input.userId;
		const actorRole = await requireOrgRole(
			client,
			org.id,
			actorId,
			leaving ? undefined : MANAGER_ROLES
		);
		const targetRole = leaving ? actorRole : await getOrgRole(client, org.id, input.userId);
		if (!targetRole) throw notFound();
		if (!leaving) checkOwnerRule(actorRole, targetRole);
		await refuseLastOwner(client, org.id, targetRole);
		await repo.deleteMember(client, org.id, input.userId);
	});
}

/** What the invitation page shows before accepting: anyone holding the link may see it. */
export async function getInvitation(deps: AppDeps, token: string, locale: Locale) {
	const inv = await repo.findInvitationByHash(deps.db, hashToken(token));
	if (!inv) throw new AppError('NOT_FOUND', 'org_invitation_invalid');
	const org = await findById(deps.db, inv.organization_id);
	if (!org) throw new AppError('NOT_FOUND', 'org_invitation_invalid');
	const state = inv.accepted_at
		? 'used'
		: inv.revoked_at
			? 'revoked'
			: inv.expires_at.getTime() <= Date.now()
				? 'expired'
				: 'valid';
	return {
		state: state as 'valid' | 'used' | 'revoked' | 'expired',
		email: inv.email,
		role: inv.role,
		expiresAt: inv.expires_at,
		organization: {
			slug: org.slug,
			kind: org.kind,
			name: pickText(localized(org, 'name'), locale)
		}
	};
}

/** Joins the organization. The link works once, before it expires, for the invited address. */
export async function acceptInvitation(
	deps: AppDeps,
	user: Pick<User, 'id' | 'email'>,
	token: string
) {
	return deps.db.tx(async (client) => {
		const tokenHash = hashToken(token);
		const found = await repo.findInvitationByHash(client, tokenHash);
		if (!found) throw new AppError('NOT_FOUND', 'org_invitation_invalid');
		if (found.email !== user.email)
			throw new AppError('FORBIDDEN', 'org_invitation_other_email', {
				params: { email: found.email }
			});
		const inv = await repo.consumeInvitation(client, tokenHash, user.id);
		if (!inv) throw new AppError('BAD_REQUEST', 'org_invitation_invalid');
		const org = await lockOrg(client, inv.organization_id);
		const current = await getOrgRole(client, org.id, user.id);
		if (!current) await repo.insertMember(client, org.id, user.id, inv.role);
		// Already a member: an invitation may raise the role, never lower it.
		else if (RANK[inv.role] > RANK[current])
			await repo.updateRole(client, org.id, user.id, inv.role);
		return { slug: org.slug, role: current && RANK[current] > RANK[inv.role] ? current : inv.role };
	});
}
