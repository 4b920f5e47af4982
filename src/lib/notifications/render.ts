import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/i18n/locales';
import { orgName, type OrgNames } from '$lib/matching/org-card';

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
	const href =
		typeof n.payload.href === 'string' && n.payload.href.startsWith('/') ? n.payload.href : null;
	return { text: m.notif_generic({}, o), href };
}
