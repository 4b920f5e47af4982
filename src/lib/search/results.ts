import type { Segment } from './segments';
import type { FacetCounts } from './facets';

/** One organization in the results, ready to render in the reader's language. */
export interface SearchHit {
	id: string;
	slug: string;
	kind: 'cooperative' | 'partner';
	partnerType: string | null;
	/** The name in the reader's language when it has one, with the matches marked. */
	name: Segment[];
	/** Another language's name, when the match is there and not in `name`. */
	altName: Segment[] | null;
	/** A cropped description or the offer/need that matched. */
	snippet: Segment[] | null;
	place: string;
	province: string | null;
	country: string;
	verified: boolean;
	womenLed: boolean;
	distanceKm: number | null;
	offers: string[];
	needs: string[];
	sectors: string[];
	logoPath: string | null;
}

export interface SearchResult {
	hits: SearchHit[];
	total: number;
	page: number;
	pageCount: number;
	facets: FacetCounts;
	/** True when Meilisearch did not answer and PostgreSQL did (fewer typo corrections). */
	degraded: boolean;
	/** The point distances are measured from (distance sort only). */
	origin: Origin | null;
}

/** Where distances start: the point asked for, the user's organization, or the region's seat. */
export interface Origin {
	lat: number;
	lng: number;
	from: 'point' | 'organization' | 'region';
}
