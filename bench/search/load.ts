import http from 'node:http';

/** Latency percentiles over one phase of requests. */
export interface Stats {
	requests: number;
	errors: number;
	p50: number;
	p95: number;
	p99: number;
	mean: number;
	perSecond: number;
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

export function summarize(latencies: number[], errors: number, wallMs: number): Stats {
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		requests: latencies.length,
		errors,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
		perSecond: (latencies.length / wallMs) * 1000
	};
}

export interface RequestSpec {
	method: 'GET' | 'POST';
	path: string;
	headers?: Record<string, string>;
	body?: string;
}

/**
 * One HTTP request on a keep-alive agent; resolves with the status and the body's bytes, not
 * decoded: the load generator shares the cores it measures, and decoding a 40 kB answer of
 * Arabic text from UTF-8 costs it about half a millisecond.
 */
export function request(
	base: URL,
	agent: http.Agent,
	spec: RequestSpec
): Promise<{ status: number; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const headers: Record<string, string> = { ...spec.headers };
		if (spec.body !== undefined) headers['content-length'] = String(Buffer.byteLength(spec.body));
		const req = http.request(
			{
				host: base.hostname,
				port: base.port,
				path: spec.path,
				method: spec.method,
				headers,
				agent
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (spec.body !== undefined) req.write(spec.body);
		req.end();
	});
}

/**
 * Sends `total` requests from `concurrency` clients, each taking the next spec in turn, and
 * measures each one from send to last byte. A non-2xx answer counts as an error.
 */
export interface LoadResult {
	latencies: number[];
	errors: number;
	wallMs: number;
}

/** Several phases as one: latencies pooled, so the percentiles are exact. */
export function pooled(parts: LoadResult[]): Stats {
	return summarize(
		parts.flatMap((p) => p.latencies),
		parts.reduce((n, p) => n + p.errors, 0),
		parts.reduce((n, p) => n + p.wallMs, 0)
	);
}

export async function runLoad(
	base: URL,
	specs: RequestSpec[],
	opts: { total: number; concurrency: number; check?: (body: Buffer) => boolean }
): Promise<LoadResult> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
	const latencies: number[] = [];
	let errors = 0;
	let next = 0;
	const started = performance.now();
	const client = async () => {
		for (;;) {
			const i = next++;
			if (i >= opts.total) return;
			const spec = specs[i % specs.length];
			const t0 = performance.now();
			try {
				const res = await request(base, agent, spec);
				const ms = performance.now() - t0;
				if (res.status >= 300 || (opts.check && !opts.check(res.body))) errors++;
				else latencies.push(ms);
			} catch {
				errors++;
			}
		}
	};
	await Promise.all(Array.from({ length: opts.concurrency }, client));
	const wallMs = performance.now() - started;
	agent.destroy();
	return { latencies, errors, wallMs };
}
