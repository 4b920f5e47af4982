import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/i18n/locales';
import { orgName, type OrgNames } from '$lib/matching/org-card';
import { hasMessage, translate } from '$lib/i18n/translate';

/**
 * A notification as a sentence in the reader's language, and where it leads. Payloads are
 * structured (ids, slugs, names in every language), so the sentence follows the reader, not the
 * sender. Other domains add their kinds here; an unknown kind still shows, generically.
 */
type OrgRef = { id: string; slug: string; names: OrgNames };

export function renderNotification(
	n: { kind: string; payload: Record<string, unknown> },
	locale: Locale
): { text: string; href: string | null } {
	const o = { locale };
	const p = n.payload as { fromOrg?: OrgRef; toOrg?: OrgRef };
	if (n.kind.startsWith('connection.') && p.fromOrg && p.toOrg) {
		const names = { from: orgName(p.fromOrg.names, locale), to: orgName(p.toOrg.names, locale) };
		switch (n.kind) {
			case 'connection.requested':
				return {
					text: m.notif_connection_requested(names, o),
					href: `/o/${p.toOrg.slug}/connections?box=received`
				};
			case 'connection.accepted':
				return {
					text: m.notif_connection_accepted(names, o),
					href: `/o/${p.fromOrg.slug}/connections?box=accepted`
				};
			case 'connection.declined':
				return {
					text: m.notif_connection_declined(names, o),
					href: `/o/${p.fromOrg.slug}/connections?box=history`
				};
		}
	}
	const other = renderOtherKinds(n, locale);
	if (other) return other;
	const href =
		typeof n.payload.href === 'string' && n.payload.href.startsWith('/') ? n.payload.href : null;
	return { text: m.notif_generic({}, o), href };
}

/** Clusters, verification and moderation: their payloads carry names in every language. */
function renderOtherKinds(
	n: { kind: string; payload: Record<string, unknown> },
	locale: Locale
): { text: string; href: string | null } | null {
	const p = n.payload as {
		clusterSlug?: string;
		clusterName?: OrgNames;
		org?: OrgRef | null;
		decision?: string;
		reason?: string | null;
		outcome?: string;
	};
	if (n.kind.startsWith('cluster.') && p.clusterSlug) {
		const key = `cluster_notif_${n.kind.slice('cluster.'.length)}`;
		const params = { cluster: orgName(p.clusterName, locale), reason: p.reason ?? '' };
		const text = hasMessage(key) ? translate(key, params, locale) : m.notif_generic({}, { locale });
		return { text, href: `/c/${p.clusterSlug}` };
	}
	const org = p.org ? orgName(p.org.names, locale) : '';
	const reason = p.reason ?? '';
	switch (n.kind) {
		case 'verification.decided':
			return {
				text: translate(
					p.decision === 'verify' ? 'staff_notif_verified' : 'staff_notif_rejected',
					{ org, reason },
					locale
				),
				href: p.org ? `/o/${p.org.slug}/verification` : null
			};
		case 'moderation.warned':
			return { text: translate('staff_notif_warned', { reason }, locale), href: null };
		case 'moderation.org_suspended':
			return {
				text: translate('staff_notif_org_suspended', { org, reason }, locale),
				href: p.org ? `/o/${p.org.slug}` : null
			};
		case 'report.resolved':
			return {
				text: translate(
					p.outcome === 'dismiss' ? 'staff_notif_report_dismissed' : 'staff_notif_report_actioned',
					{},
					locale
				),
				href: null
			};
	}
	return null;
}
