import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

const STATUSES = ['pending', 'verified', 'rejected'] as const;

export const load: PageServerLoad = async (event) => {
	const s = event.url.searchParams.get('status');
	const status = STATUSES.find((x) => x === s) ?? 'pending';
	const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
	return {
		status,
		queue: await callerFor(event).staff.verificationQueue({ status, page }).catch(pageError(event))
	};
};
