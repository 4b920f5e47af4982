import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const get = (k: string) => q.get(k)?.trim() || undefined;
	const filters = {
		action: get('action'),
		targetType: get('targetType'),
		targetId: get('targetId'),
		actorEmail: get('actor'),
		from: get('from') ? new Date(`${get('from')}T00:00:00Z`) : undefined,
		to: get('to') ? new Date(`${get('to')}T23:59:59Z`) : undefined,
		page: Math.max(1, Number(get('page')) || 1)
	};
	return {
		audit: await callerFor(event).staff.audit(filters).catch(pageError(event)),
		q: Object.fromEntries(q)
	};
};
