import { randomUUID } from 'node:crypto';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { User } from 'lucia';
import type { AppDeps } from '$lib/server/deps';
import type { Queryable } from '$lib/server/db/db';
import { AppError, notFound } from '$lib/server/errors';
import {
	requireOrgRole,
	listOrgManagers,
	MANAGER_ROLES
} from '$lib/server/organizations/membership';
import {
	insertNotifications,
	pushNotifications
} from '$lib/server/notifications/notifications.service';
import { enqueueSearchSync } from '$lib/server/search/outbox';
import { appendAudit } from '$lib/server/moderation/audit';
import { sniffType, EXTENSION } from '$lib/server/uploads/sniff';
import * as repo from './verification.repo';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export function documentsDir(deps: AppDeps) {
	return path.join(deps.env.dataDir, 'uploads', 'verification');
}

export interface VerificationInput {
	organizationId: string;
	registrationNumber: string;
	note?: string | null;
	document?: Uint8Array | null;
}

/** An owner or admin asks staff to verify the organization, with its registration number and optionally a document. */
export async function requestVerification(deps: AppDeps, user: User, input: VerificationInput) {
	await requireOrgRole(deps.db, input.organizationId, user.id, MANAGER_ROLES);
	const number = input.registrationNumber.trim();
	if (!number || number.length > 64) {
		throw new AppError('BAD_REQUEST', 'error_invalid_input', {
			fieldErrors: { registrationNumber: ['verif_field_number'] }
		});
	}
	const org = await deps.db.query<{ verified_at: Date | null }>(
		'SELECT verified_at FROM organizations WHERE id = $1',
		[input.organizationId]
	);
	if (org.rows[0]?.verified_at) throw new AppError('CONFLICT', 'verif_error_already_verified');

	let documentPath: string | null = null;
	let documentType: string | null = null;
	if (input.document && input.document.byteLength > 0) {
		if (input.document.byteLength > MAX_DOCUMENT_BYTES) {
			throw new AppError('PAYLOAD_TOO_LARGE', 'verif_error_document_too_large', {
				fieldErrors: { document: ['verif_error_document_too_large'] }
			});
		}
		const type = sniffType(input.document);
		if (!type)
			throw new AppError('BAD_REQUEST', 'verif_error_document_type', {
				fieldErrors: { document: ['verif_error_document_type'] }
			});
		documentType = type;
		documentPath = `${randomUUID()}.${EXTENSION[type]}`;
		await mkdir(documentsDir(deps), { recursive: true });
		await writeFile(path.join(documentsDir(deps), documentPath), input.document, { mode: 0o600 });
	}
	const row = await repo.insertRequest(deps.db, {
		organizationId: input.organizationId,
		registrationNumber: number,
		documentPath,
		documentType,
		note: input.note?.trim() || null,
		requestedBy: user.id
	});
	if (!row) {
		if (documentPath) await rm(path.join(documentsDir(deps), documentPath), { force: true });
		throw new AppError('CONFLICT', 'verif_error_pending');
	}
	return row;
}

/** Staff verify (the badge appears, search learns it) or reject with a reason; the requesters are told. */
export async function decideVerification(
	deps: AppDeps,
	staff: User,
	requestId: string,
	decision: 'verify' | 'reject',
	reason?: string | null
) {
	const why = reason?.trim() || null;
	if (decision === 'reject' && !why)
		throw new AppError('BAD_REQUEST', 'error_invalid_input', {
			fieldErrors: { reason: ['verif_field_reason'] }
		});
	const rows = await deps.db.tx(async (client) => {
		const request = await repo.findRequest(client, requestId, true);
		if (!request) throw notFound();
		if (request.status !== 'pending') throw new AppError('CONFLICT', 'verif_error_already_decided');
		await repo.decide(
			client,
			requestId,
			decision === 'verify' ? 'verified' : 'rejected',
			staff.id,
			why
		);
		if (decision === 'verify') {
			await repo.setVerified(client, request.organization_id, staff.id);
			await client.query('UPDATE organizations SET registration_number = $2 WHERE id = $1', [
				request.organization_id,
				request.registration_number
			]);
			await enqueueSearchSync(client, 'organization', request.organization_id);
		}
		await appendAudit(client, {
			actorUserId: staff.id,
			action: decision === 'verify' ? 'organization.verify' : 'organization.verification_reject',
			targetType: 'organization',
			targetId: request.organization_id,
			reason: why,
			details: { requestId, registrationNumber: request.registration_number }
		});
		const recipients = [
			...new Set([
				...(await listOrgManagers(client, request.organization_id)),
				...(request.requested_by ? [request.requested_by] : [])
			])
		];
		return insertNotifications(client, recipients, {
			kind: 'verification.decided',
			payload: {
				organizationId: request.organization_id,
				org: await orgRefOf(client, request.organization_id),
				decision,
				reason: why
			}
		});
	});
	pushNotifications(deps.realtime, rows);
}

/** Staff withdraw a verification (a registration found invalid later). */
export async function revokeVerification(
	deps: AppDeps,
	staff: User,
	organizationId: string,
	reason: string
) {
	if (!reason.trim())
		throw new AppError('BAD_REQUEST', 'error_invalid_input', {
			fieldErrors: { reason: ['verif_field_reason'] }
		});
	await deps.db.tx(async (client) => {
		await repo.setVerified(client, organizationId, null);
		await enqueueSearchSync(client, 'organization', organizationId);
		await appendAudit(client, {
			actorUserId: staff.id,
			action: 'organization.verification_revoke',
			targetType: 'organization',
			targetId: organizationId,
			reason
		});
	});
}

/** How a notification names an organization: id, slug and names in every language. */
export async function orgRefOf(db: Queryable, id: string) {
	const { rows } = await db.query<{
		id: string;
		slug: string;
		names: { ar: string | null; fr: string | null; en: string | null };
	}>(
		`SELECT id, slug, json_build_object('ar', name_ar, 'fr', name_fr, 'en', name_en) AS names FROM organizations WHERE id = $1`,
		[id]
	);
	return rows[0] ?? null;
}
