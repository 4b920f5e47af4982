// Lighthouse's mobile run slows the CPU by a fixed 4×, which turns a high-end desktop (its
// benchmark index 1500-2000) into a mid-tier phone; on a slower or faster host the same 4× means
// a slower or faster phone (docs/throttling.md, "Calibrating the CPU slowdown"). This is the
// multiplier Lighthouse's own calculator gives for a host's benchmark index
// (lighthouse-cpu-throttling-calculator, linked from that page), so that runs on different
// machines measure the same phone.

/** The CPU slowdown that makes a host with this Lighthouse benchmark index a mid-tier phone. */
export function calibratedSlowdown(benchmarkIndex: number): number {
	if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0)
		throw new Error(`no benchmark index: ${benchmarkIndex}`);
	if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233; // 1533 → 4×, 2000 → 6×
	if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500; // 800 → 2×, 1300 → 3×
	return Math.max(1, 1 + (benchmarkIndex - 150) / 650); // 150 → 1×, 800 → 2×
}
