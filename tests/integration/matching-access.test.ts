import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import { loadMatchingFixture } from '../helpers/matching-fixture';
import { expectTrpcError } from '../helpers/expect-error';

let app: TestApp;
let ids: Map<string, string>;
let owner: TestUser, admin: TestUser, member: TestUser, outsider: TestUser;
let org: string;

beforeAll(async () => {
	app = await createTestApp();
	[owner, admin, member, outsider] = await Promise.all(Array.from({ length: 4 }, () => app.user()));
	ids = await loadMatchingFixture(app, {
		'maasara-berkane': [
			{ user: owner, role: 'owner' },
			{ user: admin, role: 'admin' },
			{ user: member, role: 'member' }
		],
		'maasara-taourirt': [{ user: outsider, role: 'owner' }]
	});
	org = ids.get('maasara-berkane')!;
});
afterAll(() => app?.close());

const slugsOf = (r: { items: { org: { slug: string } }[] }) => r.items.map((s) => s.org.slug);

describe('who sees suggestions', () => {
	it('members only: a visitor must sign in, a member of another organization finds nothing', async () => {
		await expectTrpcError(
			(await app.caller(null)).matching.suggestions({ organizationId: org }),
			'UNAUTHORIZED'
		);
		await expectTrpcError(
			(await app.caller(outsider)).matching.suggestions({ organizationId: org }),
			'NOT_FOUND'
		);
		const seen = await (await app.caller(member)).matching.suggestions({ organizationId: org });
		expect(seen.items.length).toBe(10);
		expect(seen.hasMore).toBe(true);
		expect(seen.items[0].reasons[0]).toEqual({ code: 'two_way' });
		expect(Object.keys(seen.items[0].org).sort()).toEqual(
			[
				'country',
				'id',
				'kind',
				'names',
				'partnerType',
				'province',
				'slug',
				'town',
				'verified'
			].sort()
		);
	});

	it('validates its input', async () => {
		const c = await app.caller(member);
		await expectTrpcError(c.matching.suggestions({ organizationId: 'nope' }), 'BAD_REQUEST');
		await expectTrpcError(c.matching.suggestions({ organizationId: org, page: 11 }), 'BAD_REQUEST');
		await expectTrpcError(
			c.matching.suggestions({ organizationId: org, province: 'paris' as never }),
			'BAD_REQUEST'
		);
		const all = await c.matching.suggestions({ organizationId: org, province: '' as never });
		expect(all.items.length).toBe(10);
	});

	it('pages without repeating anyone', async () => {
		const c = await app.caller(member);
		const p1 = await c.matching.suggestions({ organizationId: org, page: 1 });
		const p2 = await c.matching.suggestions({ organizationId: org, page: 2 });
		expect(p2.items.length).toBeGreaterThan(0);
		expect(slugsOf(p1).filter((s) => slugsOf(p2).includes(s))).toEqual([]);
	});
});

describe('not relevant', () => {
	it('is decided by owners and admins, remembered, listed to members, and can be undone', async () => {
		const target = ids.get('zitoun-aklim')!;
		const input = { organizationId: org, targetId: target };
		await expectTrpcError((await app.caller(member)).matching.dismiss(input), 'FORBIDDEN');
		await expectTrpcError((await app.caller(outsider)).matching.dismiss(input), 'NOT_FOUND');
		await expectTrpcError((await app.caller(null)).matching.dismiss(input), 'UNAUTHORIZED');
		await expectTrpcError(
			(await app.caller(owner)).matching.dismiss({ organizationId: org, targetId: org }),
			'BAD_REQUEST',
			'match_error_self'
		);

		const before = slugsOf(
			await (await app.caller(member)).matching.suggestions({ organizationId: org })
		);
		expect(before).toContain('zitoun-aklim');
		expect((await (await app.caller(owner)).matching.dismiss(input)).org.slug).toBe('zitoun-aklim');
		const after = slugsOf(
			await (await app.caller(member)).matching.suggestions({ organizationId: org })
		);
		expect(after).not.toContain('zitoun-aklim');
		expect(after).toHaveLength(10);

		const hidden = await (await app.caller(member)).matching.dismissals({ organizationId: org });
		expect(slugsOf(hidden)).toEqual(['zitoun-aklim']);
		await expectTrpcError(
			(await app.caller(outsider)).matching.dismissals({ organizationId: org }),
			'NOT_FOUND'
		);
		// Another organization's list is its own.
		const other = await (
			await app.caller(outsider)
		).matching.suggestions({
			organizationId: ids.get('maasara-taourirt')!
		});
		expect(slugsOf(other)).toContain('zitoun-aklim');

		await expectTrpcError((await app.caller(member)).matching.undoDismiss(input), 'FORBIDDEN');
		expect(await (await app.caller(admin)).matching.undoDismiss(input)).toMatchObject({
			restored: true,
			org: { slug: 'zitoun-aklim' }
		});
		expect(
			slugsOf(await (await app.caller(member)).matching.suggestions({ organizationId: org }))
		).toContain('zitoun-aklim');
	});
});
