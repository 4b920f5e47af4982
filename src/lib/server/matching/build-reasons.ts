import type { Reason } from '$lib/matching/reasons';
import { adjacency, parsePosition } from './chain-positions';
import { ACTIVE_DAYS, NEARBY_KM } from './scoring';
import type { CandidateRow, MatchProfile } from './matching.repo';

/** At most this many value-chain reasons per suggestion: the card must stay short on a phone. */
const MAX_CHAIN_REASONS = 2;

const shared = (theirs: string[], mine: string[]) => theirs.filter((x) => mine.includes(x)).sort();

/**
 * The reasons of one suggestion, strongest first, from the same facts its score counted (both
 * read the profiles), so the list never claims what the ranking did not use.
 */
export function buildReasons(me: MatchProfile, c: CandidateRow): Reason[] {
	const reasons: Reason[] = [];
	const met = shared(c.offers, me.needs);
	const wanted = shared(c.needs, me.offers);
	if (met.length && wanted.length) reasons.push({ code: 'two_way' });
	if (met.length) reasons.push({ code: 'they_offer', categories: met });
	if (wanted.length) reasons.push({ code: 'they_seek', categories: wanted });

	const chainReasons = chainAdjacencyReasons(me.chain_keys, c.chain_keys);
	reasons.push(...chainReasons);
	const covered = new Set(chainReasons.map((r) => r.chain));
	const sameChain = shared(c.chains, me.chains).filter((ch) => !covered.has(ch));
	if (sameChain.length) reasons.push({ code: 'same_chain', chain: sameChain[0] });

	const sectors = shared(c.sectors, me.sectors);
	if (sectors.length) reasons.push({ code: 'same_sector', sectors });
	// Arabic is shared by nearly every cooperative of the region: worth saying only when a partner
	// is involved or another language is shared too.
	const languages = shared(c.languages, me.languages);
	const partnerInvolved = me.kind === 'partner' || c.kind === 'partner';
	if (languages.length && (partnerInvolved || languages.some((l) => l !== 'ar')))
		reasons.push({ code: 'languages', languages });
	if (!partnerInvolved && c.km !== null && c.km <= NEARBY_KM)
		reasons.push({ code: 'nearby', km: Math.max(1, Math.round(c.km)) });
	if (c.verified) reasons.push({ code: 'verified' });
	if (c.idle_days <= ACTIVE_DAYS) reasons.push({ code: 'active' });
	return reasons;
}

type ChainReason = Extract<Reason, { code: 'chain_adjacent' }>;

/** "Along the olive oil chain: they press, you grow", strong adjacencies first. */
export function chainAdjacencyReasons(mine: string[], theirs: string[]): ChainReason[] {
	const found: { reason: ChainReason; strong: boolean }[] = [];
	const seen = new Set<string>();
	for (const t of theirs) {
		const their = parsePosition(t);
		for (const k of mine) {
			const my = parsePosition(k);
			const a = adjacency(my, their);
			if (!a) continue;
			const reason: ChainReason = {
				code: 'chain_adjacent',
				chain: their.chain ?? my.chain,
				theirStage: their.stage,
				yourStage: my.stage
			};
			const id = `${reason.chain}|${reason.theirStage}|${reason.yourStage}`;
			if (seen.has(id)) continue;
			seen.add(id);
			found.push({ reason, strong: a === 'strong' });
		}
	}
	found.sort((x, y) => Number(y.strong) - Number(x.strong));
	const byChain = new Set<string | null>();
	const out: ChainReason[] = [];
	for (const f of found) {
		if (byChain.has(f.reason.chain)) continue;
		byChain.add(f.reason.chain);
		out.push(f.reason);
		if (out.length === MAX_CHAIN_REASONS) break;
	}
	return out;
}
