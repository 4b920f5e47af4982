import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Timeline } from '../../src/lib/chat/timeline';
import type { ChatMessage } from '../../src/lib/chat/types';

const msg = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
	id: seq * 10,
	seq,
	conversationId: 'c',
	clientId: `client-${seq}`,
	senderUserId: 'u',
	senderName: 'U',
	senderOrgId: 'o',
	body: `m${seq}`,
	state: 'ok',
	createdAt: new Date(0).toISOString(),
	editedAt: null,
	...extra
});

describe('Timeline (what a client holds of a conversation)', () => {
	it('keeps each message once, in id order, and notices a gap', () => {
		const t = new Timeline([msg(1), msg(2)], { fromStart: true });
		expect(t.apply(msg(3))).toBe('added');
		expect(t.apply(msg(3))).toBe('duplicate');
		expect(t.apply(msg(5))).toBe('gap');
		expect(t.lastContiguousId).toBe(30);
		t.merge([msg(4), msg(5)]);
		expect(t.lastContiguousId).toBe(50);
		expect(t.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(t.apply(msg(2, { body: null, state: 'deleted' }))).toBe('updated');
		expect(t.messages[1].state).toBe('deleted');
	});

	it('an empty conversation still notices that its first message was missed', () => {
		const t = new Timeline([], { fromStart: true });
		expect(t.apply(msg(2))).toBe('gap');
		expect(t.lastContiguousId).toBe(0);
	});

	it('a page of recent history counts as contiguous from its oldest message', () => {
		const t = new Timeline([msg(41), msg(42)]);
		expect(t.lastContiguousId).toBe(420);
		t.merge([msg(39), msg(40)]);
		expect(t.messages.map((m) => m.seq)).toEqual([39, 40, 41, 42]);
	});

	it('whatever order and repetition messages arrive in, a catch-up leaves 1..n once and in order', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 80 }), (arrivals) => {
				const t = new Timeline([], { fromStart: true });
				for (const seq of arrivals) t.apply(msg(seq));
				// The catch-up the client then asks for: everything after its last contiguous id.
				t.merge(
					Array.from({ length: 30 }, (_, i) => msg(i + 1)).filter((m) => m.id > t.lastContiguousId)
				);
				expect(t.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
			})
		);
	});
});
