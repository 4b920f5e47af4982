/** The current query string with one parameter set: pagination and export links keep the filters. */
export function withParam(url: URL, key: string, value: string): string {
	const params = new URLSearchParams(url.searchParams);
	params.set(key, value);
	return `?${params}`;
}
