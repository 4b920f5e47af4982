/**
 * A small seeded random generator (mulberry32 over an xmur3 string hash): the same seed gives
 * the same organizations on every machine, so demo data, tests and benchmarks are reproducible.
 */
export interface Rng {
	/** In [0, 1). */
	next(): number;
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** `count` distinct items, in random order. */
	sample<T>(items: readonly T[], count: number): T[];
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	uuid(): string;
}

function hashString(s: string): number {
	let h = 1779033703 ^ s.length;
	for (let i = 0; i < s.length; i++) {
		h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	h = Math.imul(h ^ (h >>> 16), 2246822507);
	h = Math.imul(h ^ (h >>> 13), 3266489909);
	return (h ^ (h >>> 16)) >>> 0;
}

export function createRng(seed: string): Rng {
	let a = hashString(seed);
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const rng: Rng = {
		next,
		int,
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		sample(items, count) {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy.slice(0, Math.min(count, copy.length));
		},
		weighted(items) {
			const total = items.reduce((s, [, w]) => s + w, 0);
			let r = next() * total;
			for (const [item, w] of items) {
				if ((r -= w) < 0) return item;
			}
			return items[items.length - 1][0];
		},
		uuid() {
			const hex = Array.from({ length: 16 }, () => int(0, 255).toString(16).padStart(2, '0')).join(
				''
			);
			const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
			return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
		}
	};
	return rng;
}
