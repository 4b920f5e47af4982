import type { ChatMessage } from './types';

/**
 * One conversation's messages as a client holds them: sorted by id, each id once, and aware of
 * gaps. Messages carry a per-conversation `seq` without holes, so when a live message arrives
 * with a seq beyond the next expected one, the client knows it missed some and asks the server
 * for everything after the last id it holds contiguously. Used by the browser and the benches.
 */
export class Timeline {
	private byId = new Map<number, ChatMessage>();
	private bySeq = new Map<number, ChatMessage>();
	private sorted: ChatMessage[] = [];
	/** Highest seq such that every message from the oldest held one up to it is held. */
	private contiguousSeq = 0;
	private contiguousId = 0;

	/**
	 * `initial` is the newest page of history; `fromStart` says it reaches the first message
	 * (no older page), so that a conversation loaded empty still notices a missed first message.
	 */
	constructor(initial: ChatMessage[] = [], opts: { fromStart?: boolean } = {}) {
		const oldest = initial.reduce((min, m) => Math.min(min, m.seq), Infinity);
		this.contiguousSeq = opts.fromStart || !initial.length ? 0 : oldest - 1;
		this.merge(initial);
	}

	get messages(): readonly ChatMessage[] {
		return this.sorted;
	}

	/** The id to ask the server "everything after" on reconnect or after a gap. */
	get lastContiguousId(): number {
		return this.contiguousId;
	}

	get oldestId(): number | null {
		return this.sorted[0]?.id ?? null;
	}

	has(id: number) {
		return this.byId.has(id);
	}

	/**
	 * A live message. Returns 'added', 'updated' (same id, newer state), 'duplicate', or 'gap'
	 * (kept, but earlier messages are missing: the caller should catch up).
	 */
	apply(m: ChatMessage): 'added' | 'updated' | 'duplicate' | 'gap' {
		const known = this.byId.get(m.id);
		if (known) {
			if (sameState(known, m)) return 'duplicate';
			this.put(m);
			return 'updated';
		}
		this.put(m);
		this.advance();
		return m.seq > this.contiguousSeq ? 'gap' : 'added';
	}

	/** Pages from the server (history or catch-up): added in place, updates replace. */
	merge(list: ChatMessage[]) {
		for (const m of list) this.put(m);
		this.advance();
	}

	private put(m: ChatMessage) {
		const had = this.byId.get(m.id);
		this.byId.set(m.id, m);
		this.bySeq.set(m.seq, m);
		if (had) {
			this.sorted[this.sorted.lastIndexOf(had)] = m;
			return;
		}
		// Usually appended at the end; history pages go to the front.
		let i = this.sorted.length;
		while (i > 0 && this.sorted[i - 1].id > m.id) i--;
		this.sorted.splice(i, 0, m);
	}

	private advance() {
		let next = this.bySeq.get(this.contiguousSeq + 1);
		while (next) {
			this.contiguousSeq = next.seq;
			this.contiguousId = next.id;
			next = this.bySeq.get(this.contiguousSeq + 1);
		}
	}
}

function sameState(a: ChatMessage, b: ChatMessage) {
	return a.state === b.state && a.body === b.body && a.editedAt === b.editedAt;
}
