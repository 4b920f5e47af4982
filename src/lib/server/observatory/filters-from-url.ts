/** The observatory's GET form: empty fields mean "all"; anything invalid is left to zod (a 400 page). */
export function filtersFromUrl(url: URL) {
	const get = (k: string) => url.searchParams.get(k) || undefined;
	return { province: get('province'), sector: get('sector'), from: get('from'), to: get('to') } as {
		province?: 'taourirt';
		sector?: 'agriculture';
		from?: string;
		to?: string;
	};
}
