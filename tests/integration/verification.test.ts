import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/server/errors';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { insertOrg, addMember } from '../helpers/orgs';
import {
	requestVerification,
	MAX_DOCUMENT_BYTES
} from '../../src/lib/server/verification/verification.service';
import { validateSession } from '../../src/lib/server/auth/auth.service';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(() => app?.close());

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const userOf = async (u: { sessionId: string }) =>
	(await validateSession(app.deps, u.sessionId))!.user;

async function appCode(p: Promise<unknown>) {
	try {
		await p;
		return 'OK';
	} catch (err) {
		return err instanceof AppError ? err.code : (err as { code?: string }).code;
	}
}

describe('verification', () => {
	it('an owner asks with a document; staff verify; the badge, search, audit and notification follow', async () => {
		const owner = await app.user();
		const org = await insertOrg(app, owner);
		const request = await requestVerification(app.deps, await userOf(owner), {
			organizationId: org.id,
			registrationNumber: 'ODCO-2019-4412',
			document: PDF,
			note: 'Attestation jointe'
		});
		expect(request.document_type).toBe('application/pdf');
		// One pending request at a time.
		expect(
			await appCode(
				requestVerification(app.deps, await userOf(owner), {
					organizationId: org.id,
					registrationNumber: 'X-1'
				})
			)
		).toBe('CONFLICT');

		const staff = await app.user({ role: 'staff' });
		const s = await app.caller(staff);
		const queue = await s.staff.verificationQueue({ status: 'pending', page: 1 });
		expect(queue.items.map((i) => i.id)).toContain(request.id);
		const detail = await s.staff.verificationRequest({ id: request.id });
		expect(detail.dossier.organization.id).toBe(org.id);
		expect(detail.dossier.members.map((m) => m.email)).toEqual([owner.email]);

		const outboxBefore =
			(await app.db.query('SELECT 1 FROM search_outbox WHERE entity_id = $1', [org.id])).rowCount ??
			0;
		await s.staff.decideVerification({ id: request.id, decision: 'verify' });
		const { rows } = await app.db.query<{
			verified_at: Date | null;
			verified_by: string;
			registration_number: string;
		}>('SELECT verified_at, verified_by, registration_number FROM organizations WHERE id = $1', [
			org.id
		]);
		expect(rows[0].verified_at).toBeInstanceOf(Date);
		expect(rows[0].verified_by).toBe(staff.id);
		expect(rows[0].registration_number).toBe('ODCO-2019-4412');
		expect(
			(await app.db.query('SELECT 1 FROM search_outbox WHERE entity_id = $1', [org.id])).rowCount
		).toBe(outboxBefore + 1);
		const audit = await app.db.query<{ action: string; actor_user_id: string }>(
			`SELECT action, actor_user_id FROM moderation_actions WHERE target_id = $1`,
			[org.id]
		);
		expect(audit.rows).toEqual([{ action: 'organization.verify', actor_user_id: staff.id }]);
		const notes = await app.db.query<{ kind: string; payload: { decision: string } }>(
			`SELECT kind, payload FROM notifications WHERE user_id = $1`,
			[owner.id]
		);
		expect(notes.rows).toEqual([
			expect.objectContaining({
				kind: 'verification.decided',
				payload: expect.objectContaining({ decision: 'verify' })
			})
		]);
		expect(
			await appCode(
				s.staff.decideVerification({ id: request.id, decision: 'reject', reason: 'late' })
			)
		).toBe('CONFLICT');
	});

	it('refuses documents that are too big or not a PDF or image by their content', async () => {
		const owner = await app.user();
		const org = await insertOrg(app, owner);
		const u = await userOf(owner);
		const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
		big.set(PDF);
		expect(
			await appCode(
				requestVerification(app.deps, u, {
					organizationId: org.id,
					registrationNumber: 'A1',
					document: big
				})
			)
		).toBe('PAYLOAD_TOO_LARGE');
		// A Windows executable named "attestation.pdf": the name is the uploader's claim, the bytes are the file.
		const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
		expect(
			await appCode(
				requestVerification(app.deps, u, {
					organizationId: org.id,
					registrationNumber: 'A1',
					document: exe
				})
			)
		).toBe('BAD_REQUEST');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		expect(
			(
				await requestVerification(app.deps, u, {
					organizationId: org.id,
					registrationNumber: 'A1',
					document: png
				})
			).document_type
		).toBe('image/png');
	});

	it('only owners and admins ask; staff must give a reason to reject; the requester hears it', async () => {
		const owner = await app.user();
		const org = await insertOrg(app, owner);
		const plain = await app.user();
		await addMember(app, org.id, plain, 'member');
		expect(
			await appCode(
				requestVerification(app.deps, await userOf(plain), {
					organizationId: org.id,
					registrationNumber: 'B2'
				})
			)
		).toBe('FORBIDDEN');
		expect(
			await appCode(
				requestVerification(app.deps, await userOf(await app.user()), {
					organizationId: org.id,
					registrationNumber: 'B2'
				})
			)
		).toBe('NOT_FOUND');
		const request = await requestVerification(app.deps, await userOf(owner), {
			organizationId: org.id,
			registrationNumber: 'B2'
		});
		const s = await app.caller(await app.user({ role: 'staff' }));
		expect(await appCode(s.staff.decideVerification({ id: request.id, decision: 'reject' }))).toBe(
			'BAD_REQUEST'
		);
		await s.staff.decideVerification({
			id: request.id,
			decision: 'reject',
			reason: 'Numéro introuvable au registre'
		});
		const notes = await app.db.query<{ payload: { reason: string } }>(
			`SELECT payload FROM notifications WHERE user_id = $1 AND kind = 'verification.decided'`,
			[owner.id]
		);
		expect(notes.rows[0].payload.reason).toBe('Numéro introuvable au registre');
		expect(
			(await app.db.query('SELECT verified_at FROM organizations WHERE id = $1', [org.id])).rows[0]
				.verified_at
		).toBeNull();
	});
});
