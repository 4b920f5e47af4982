import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';

const TYPES = ['message', 'organization', 'cluster', 'user'] as const;

export const load: PageServerLoad = async (event) => {
	const t = event.url.searchParams.get('type');
	const targetType = TYPES.find((x) => x === t);
	const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
	return {
		targetType: targetType ?? null,
		queue: await callerFor(event).staff.reportQueue({ targetType, page }).catch(pageError(event))
	};
};
