import { describe, expect, it } from 'vitest';
import {
	generateOrganization,
	generateOrganizations
} from '../../src/lib/server/seed/org-generator';
import { DEMO_ORGANIZATIONS } from '../../src/lib/server/seed/demo-organizations';
import { findTown, PROVINCE_CODES } from '../../src/lib/taxonomy/geography';
import { findCategory, findSector } from '../../src/lib/taxonomy/taxonomy';
import type { SeedOrganization } from '../../src/lib/server/seed/seed-types';

const orgs = [...generateOrganizations(3000)];
const all: SeedOrganization[] = [...orgs, ...DEMO_ORGANIZATIONS.map((d) => d.org)];
const SLUG = /^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$/;

describe('the seed generator', () => {
	it('is deterministic: the i-th organization is the same whatever the total', () => {
		expect(generateOrganization(1234)).toEqual(generateOrganization(1234));
		expect([...generateOrganizations(10)]).toEqual(orgs.slice(0, 10));
		expect(generateOrganization(1).id).not.toBe(generateOrganization(2).id);
	});

	it('respects the database rules (so bulk inserts never fail)', () => {
		const ids = new Set(all.map((o) => o.id));
		const slugs = new Set(all.map((o) => o.slug));
		expect(ids.size).toBe(all.length);
		expect(slugs.size).toBe(all.length);
		for (const o of all) {
			expect(o.slug).toMatch(SLUG);
			expect(o.name_ar ?? o.name_fr ?? o.name_en).toBeTruthy();
			expect(o.members_women ?? 0).toBeLessThanOrEqual(o.members_total ?? Infinity);
			expect(o.members_youth ?? 0).toBeLessThanOrEqual(o.members_total ?? Infinity);
			expect(o.country).toMatch(/^[A-Z]{2}$/);
			expect((o.lat === null) === (o.lng === null)).toBe(true);
			for (const s of o.sectors) expect(findSector(s), s).not.toBeNull();
			for (const l of o.listings) {
				expect(findCategory(l.category_code), l.category_code).not.toBeNull();
				expect(l.title_ar ?? l.title_fr ?? l.title_en).toBeTruthy();
			}
			if (o.kind === 'cooperative') {
				expect(PROVINCE_CODES).toContain(o.province);
				expect(findTown(o.province, o.town), `${o.province}/${o.town}`).not.toBeNull();
			} else {
				expect(o.partner_type).toBeTruthy();
			}
		}
	});

	it('covers the eight provinces, the partner countries and the value chains of the Oriental', () => {
		const coops = orgs.filter((o) => o.kind === 'cooperative');
		expect(new Set(coops.map((o) => o.province)).size).toBe(8);
		const countries = new Set(orgs.filter((o) => o.kind === 'partner').map((o) => o.country));
		for (const c of ['FR', 'SN', 'ML', 'CI', 'TN', 'ES']) expect(countries).toContain(c);
		expect(orgs.some((o) => o.region === 'Occitanie')).toBe(true);
		const offered = (province: string, category: string) =>
			coops.some(
				(o) =>
					o.province === province &&
					o.listings.some((l) => l.kind === 'offer' && l.category_code === category)
			);
		expect(offered('berkane', 'clementines')).toBe(true);
		expect(offered('figuig', 'dates')).toBe(true);
		expect(offered('nador', 'fresh_fish')).toBe(true);
		expect(offered('jerada', 'wool')).toBe(true);
		expect(offered('jerada', 'rosemary') || offered('jerada', 'thyme')).toBe(true);
		expect(offered('taourirt', 'couscous')).toBe(true);
		for (const c of ['olive_oil', 'honey', 'carpets', 'packaging', 'transport'])
			expect(
				coops.some((o) => o.listings.some((l) => l.category_code === c)),
				c
			).toBe(true);
	});

	it('has a realistic mix: women-led, verified, drafts, hidden and suspended', () => {
		const share = (f: (o: SeedOrganization) => boolean) => orgs.filter(f).length / orgs.length;
		const womenLed = share(
			(o) => !!o.members_total && (o.members_women ?? 0) * 2 > o.members_total
		);
		expect(womenLed).toBeGreaterThan(0.15);
		expect(womenLed).toBeLessThan(0.6);
		expect(share((o) => o.verified)).toBeGreaterThan(0.2);
		expect(share((o) => o.status === 'published' && !o.suspended_days)).toBeGreaterThan(0.85);
		expect(share((o) => o.status === 'draft')).toBeGreaterThan(0);
		expect(share((o) => o.status === 'hidden')).toBeGreaterThan(0);
		expect(share((o) => o.suspended_days !== null)).toBeGreaterThan(0);
		expect(share((o) => o.kind === 'partner')).toBeGreaterThan(0.05);
	});
});
