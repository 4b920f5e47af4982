export function percentile(sorted: number[], p: number) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(latencies: number[]) {
	const s = [...latencies].sort((a, b) => a - b);
	const r = (x: number) => Math.round(x * 10) / 10;
	return {
		n: s.length,
		p50: r(percentile(s, 50)),
		p95: r(percentile(s, 95)),
		p99: r(percentile(s, 99)),
		max: r(s[s.length - 1] ?? NaN)
	};
}
