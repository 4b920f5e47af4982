import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/lib/i18n/translate';

// Keys built at run time (`cluster_event_${event}`) escape the static check of the catalogues test.
const EVENTS = [
	'proposed',
	'invited',
	'requested',
	'invitation_accepted',
	'request_accepted',
	'invitation_declined',
	'request_declined',
	'invitation_withdrawn',
	'left',
	'removed',
	'coordination_transferred',
	'submitted',
	'approved',
	'returned',
	'archived'
];
const STATUSES = ['forming', 'submitted', 'active', 'archived'];
const FITS = ['same_chain', 'same_sector', 'same_province'];
const DONE = [
	'invited',
	'requested',
	'joined',
	'declined',
	'accepted',
	'removed',
	'transferred',
	'left',
	'submitted',
	'archived',
	'approved',
	'returned'
];

describe('cluster messages built at run time', () => {
	it.each([
		...EVENTS.map((e) => `cluster_event_${e}`),
		...STATUSES.map((s) => `cluster_status_${s}`),
		...DONE.map((d) => `cluster_done_${d}`),
		...FITS.map((f) => `cluster_fit_${f}`)
	])('%s exists', (key) => {
		expect(hasMessage(key)).toBe(true);
	});
});
