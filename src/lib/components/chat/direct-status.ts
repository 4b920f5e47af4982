import { m } from '$lib/paraglide/messages';

export type DirectState = 'signed-out' | 'own' | 'no-organization' | 'not-connected' | 'connected';

/** Why a message cannot be sent to an organization (or nothing when it can). */
export function statusText(state: DirectState): string {
	switch (state) {
		case 'signed-out':
			return m.chat_status_signed_out();
		case 'own':
			return m.chat_status_own();
		case 'no-organization':
			return m.chat_status_no_org();
		case 'not-connected':
			return m.chat_status_not_connected();
		default:
			return '';
	}
}
