import { describe, expect, it } from 'vitest';
import { renderNotification } from '../../src/lib/notifications/render';
import { LOCALES } from '../../src/lib/i18n/locales';

const names = { ar: 'تعاونية أمل', fr: 'Coopérative Amal', en: null };
const org = { id: 'o1', slug: 'amal', names };
const cluster = {
	clusterId: 'c1',
	clusterSlug: 'zitoune',
	clusterName: { ar: 'تكتل الزيتون', fr: 'Cluster olive', en: null }
};

// Every kind the app sends, with the payload its service writes.
const KINDS: [string, Record<string, unknown>][] = [
	...[
		'invited',
		'requested',
		'joined',
		'invitation_declined',
		'request_declined',
		'left',
		'removed',
		'coordination_received',
		'approved',
		'returned'
	].map(
		(k) => [`cluster.${k}`, { ...cluster, reason: 'Précisez' }] as [string, Record<string, unknown>]
	),
	['verification.decided', { org, decision: 'verify', reason: null }],
	['verification.decided', { org, decision: 'reject', reason: 'Numéro introuvable' }],
	['moderation.warned', { targetType: 'message', targetId: '1', reason: 'Restez courtois' }],
	['moderation.org_suspended', { org, until: null, reason: 'Fraude' }],
	['report.resolved', { targetType: 'message', targetId: '1', outcome: 'hide' }],
	['report.resolved', { targetType: 'message', targetId: '1', outcome: 'dismiss' }]
];

describe('notifications read as sentences in the reader language', () => {
	it.each(KINDS)('%s', (kind, payload) => {
		const generic = renderNotification({ kind: 'unknown.kind', payload: {} }, 'fr').text;
		for (const locale of LOCALES) {
			const { text } = renderNotification({ kind, payload }, locale);
			expect(text).not.toBe(renderNotification({ kind: 'unknown.kind', payload: {} }, locale).text);
			expect(text.length).toBeGreaterThan(10);
		}
		expect(renderNotification({ kind, payload }, 'fr').text).not.toBe(generic);
	});

	it('names the cluster in the reader language and links to it', () => {
		const ar = renderNotification({ kind: 'cluster.approved', payload: cluster }, 'ar');
		expect(ar.text).toContain('تكتل الزيتون');
		expect(ar.href).toBe('/c/zitoune');
		expect(renderNotification({ kind: 'cluster.approved', payload: cluster }, 'fr').text).toContain(
			'Cluster olive'
		);
	});
});
