import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { callerFor } from '$lib/server/trpc/caller';
import { pageError } from '$lib/server/trpc/page-errors';
import { filtersFromUrl } from '$lib/server/observatory/filters-from-url';
import {
	datasetRows,
	PUBLIC_DATASETS,
	STAFF_DATASETS
} from '$lib/server/observatory/observatory.datasets';
import { toCsv } from '$lib/server/observatory/observatory.service';

/** CSV of one dataset with the page's filters; the staff-only datasets for staff only. */
export const GET: RequestHandler = async (event) => {
	const dataset = event.url.searchParams.get('dataset') ?? '';
	const user = event.locals.user;
	const staff = user?.role === 'staff' || user?.role === 'admin';
	if (!(staff ? STAFF_DATASETS : PUBLIC_DATASETS).includes(dataset)) error(404, 'error_not_found');
	const caller = callerFor(event);
	const filters = filtersFromUrl(event.url);
	const observatory = await (
		staff ? caller.staff.observatory(filters) : caller.observatory.get(filters)
	).catch(pageError(event));
	const table = datasetRows(observatory, dataset, event.locals.locale);
	if (!table) error(404, 'error_not_found');
	const { from, to, province, sector } = observatory.filters;
	const name = ['tashbik', dataset, province, sector, from, to].filter(Boolean).join('_');
	return new Response(toCsv(table.header, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
