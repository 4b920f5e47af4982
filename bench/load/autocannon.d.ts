// The part of autocannon's programmatic API this bench uses (the package ships no types).
declare module 'autocannon' {
	interface Histogram {
		average: number;
		p50: number;
		p97_5: number;
		p99: number;
		total: number;
	}
	interface Result {
		requests: Histogram;
		latency: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		headers?: Record<string, string>;
		requests?: { method?: string; path: string; headers?: Record<string, string> }[];
	}
	export default function autocannon(opts: Options): Promise<Result>;
}
