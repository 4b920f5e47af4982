import { CHAIN_CODES, STAGE_ORDER } from '$lib/taxonomy/taxonomy';

/**
 * Positions along value chains. A product listing sits at '<chain>:<stage>' (olives:
 * 'olive_oil:production'); a service listing at '*:<stage>' ('*:packaging'), because packaging,
 * transport or export serve every chain. The database builds the same keys (match_profiles).
 *
 * Adjacency, symmetric by construction:
 * - two products of one chain one stage apart (olive growers and a pressing cooperative): strong;
 * - a service just downstream of a product (packaging after processing): strong; further
 *   downstream (export after processing): weak;
 * - two services one stage apart (packaging and transport): weak.
 * Stages outside STAGE_ORDER (training, finance, equipment) are never adjacent: they match only
 * when one side seeks what the other offers.
 */
export const ANY_CHAIN = '*';

export interface ChainPosition {
	chain: string | null;
	stage: string;
}

export function parsePosition(key: string): ChainPosition {
	const i = key.indexOf(':');
	const chain = key.slice(0, i);
	return { chain: chain === ANY_CHAIN ? null : chain, stage: key.slice(i + 1) };
}

export function positionKey(p: ChainPosition): string {
	return `${p.chain ?? ANY_CHAIN}:${p.stage}`;
}

export type Adjacency = 'strong' | 'weak' | null;

export function adjacency(a: ChainPosition, b: ChainPosition): Adjacency {
	const i = STAGE_ORDER.indexOf(a.stage);
	const j = STAGE_ORDER.indexOf(b.stage);
	if (i < 0 || j < 0) return null;
	if (a.chain && b.chain) return a.chain === b.chain && Math.abs(i - j) === 1 ? 'strong' : null;
	if (!a.chain && !b.chain) return Math.abs(i - j) === 1 ? 'weak' : null;
	// One product, one service: the service must be downstream of the product.
	const [product, service] = a.chain ? [i, j] : [j, i];
	if (service <= product) return null;
	return service === product + 1 ? 'strong' : 'weak';
}

/** Every position adjacent to one of `mine`, split by strength (strong wins over weak). */
export function adjacentKeys(mine: string[]): { strong: string[]; weak: string[] } {
	const strong = new Set<string>();
	const weak = new Set<string>();
	const all: ChainPosition[] = [
		...STAGE_ORDER.map((stage) => ({ chain: null, stage })),
		...CHAIN_CODES.flatMap((chain) => STAGE_ORDER.map((stage) => ({ chain, stage })))
	];
	for (const key of mine) {
		const p = parsePosition(key);
		for (const q of all) {
			const a = adjacency(p, q);
			if (a === 'strong') strong.add(positionKey(q));
			else if (a === 'weak') weak.add(positionKey(q));
		}
	}
	for (const k of strong) weak.delete(k);
	return { strong: [...strong].sort(), weak: [...weak].sort() };
}
