/**
 * How suggestions are ranked. Candidates come in tiers, and a higher tier always ranks above a
 * lower one (the issue: a two-way fit ranks above a one-way fit):
 *   2: two-way fit: their offers meet our needs AND their needs meet our offers;
 *   1: one-way fit: one of the two;
 *   0: no stated fit, but next to us along a value chain.
 * Inside a tier, the score below orders them.
 */
export const TIERS = [2, 1, 0] as const;
export type Tier = (typeof TIERS)[number];

export const WEIGHTS = {
	/** Per category where their offer meets our need (or their need meets our offer), up to 3. */
	fit: 10,
	fitCap: 3,
	/** Next to us along a value chain (one stage apart, or a service just downstream). */
	adjacentStrong: 8,
	/** Further along (an export partner for a processor), or two neighbouring services. */
	adjacentWeak: 4,
	sameChain: 5,
	sector: 6,
	/** Per shared working language, capped. */
	language: 3,
	languageCap: 6,
	/** Cooperatives close to each other: full at 0 km, nothing from `geoRangeKm`. */
	geo: 12,
	geoRangeKm: 300,
	/** A partner (region abroad, buyer, NGO...) is not penalized for distance: a fixed share. */
	geoPartnerShare: 0.5,
	verified: 5,
	/** Recent activity: full when active today, nothing after `activityDays`. */
	activity: 5,
	activityDays: 180
} as const;

/** Shown as a reason only when close enough to matter. */
export const NEARBY_KM = 120;
/** "Active recently" as a reason. */
export const ACTIVE_DAYS = 30;

/**
 * Candidates are read from postings, per code, best static rank first (recent activity, verified
 * worth 180 days of it), at most this many per code: exhaustive at the region's real size (a few
 * thousand organizations), bounded at 100,000. Cooperatives also read their own province, so the
 * nearest are not crowded out by the most active far away. Only index tuples are read; the
 * `PRE_RANKED` best of them by what those tuples tell are then scored in full.
 */
export const CANDIDATE_CAPS = {
	/** 'x:<our need>|<our offer>': organizations that offer what we seek and seek what we offer. */
	twoWay: 200,
	/** 'oo:<a>|<b>' / 'nn:<a>|<b>': they offer two things we seek, or seek two things we offer. */
	pair: 100,
	fit: 300,
	fitOwnProvince: 150,
	adjacentStrong: 40,
	adjacentWeak: 10
} as const;
export const PRE_RANKED = 250;
