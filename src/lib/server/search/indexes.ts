import type { Settings } from 'meilisearch';
import type { MeiliClient } from './meili-client';

/**
 * Settings shared by every index that holds Arabic and French text. What each one buys is measured
 * in STACK.md: Arabic fields pinned to `ara` (short Arabic text is otherwise taken for Persian), the
 * article `ال` as a stop word (else every "ال..." query matches most documents), and typo
 * tolerance from 4 letters (4-letter Arabic words would otherwise get none).
 */
export const ARABIC_FRENCH_SETTINGS = {
	// French elisions too: "l'huile d'olive" searches "huile olive" (and does not mark every "d").
	stopWords: ['ال', 'l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu'],
	typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } }
} satisfies Settings;

export interface IndexDefinition {
	/** Unprefixed name; the live index is `${prefix}${name}`. */
	name: string;
	primaryKey: string;
	settings: Settings;
}

export function indexUid(prefix: string, name: string) {
	return `${prefix}${name}`;
}

/** Creates missing indexes and applies settings; a no-op task when nothing changed. */
export async function applyIndexSettings(
	meili: MeiliClient,
	prefix: string,
	defs: IndexDefinition[]
) {
	for (const def of defs) {
		const uid = indexUid(prefix, def.name);
		await ensureIndex(meili, uid, def);
	}
}

export async function ensureIndex(meili: MeiliClient, uid: string, def: IndexDefinition) {
	const existing = await meili.getIndex(uid).catch(() => null);
	if (!existing)
		await meili.createIndex(uid, { primaryKey: def.primaryKey }).waitTask({ timeout: 30_000 });
	const current = await meili.index(uid).getSettings();
	if (!settingsMatch(current, def.settings)) {
		const task = await meili.index(uid).updateSettings(def.settings).waitTask({ timeout: 60_000 });
		if (task.status !== 'succeeded')
			throw new Error(`Applying settings to ${uid} failed: ${task.error?.message}`);
	}
}

// Settings Meilisearch keeps as sets (it answers them sorted): compared without order.
const SET_SETTINGS = new Set(['stopWords', 'filterableAttributes', 'sortableAttributes']);

function settingsMatch(current: Settings, wanted: Settings): boolean {
	for (const [key, value] of Object.entries(wanted)) {
		const have = (current as Record<string, unknown>)[key];
		const sorted = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);
		if (
			SET_SETTINGS.has(key)
				? !deepIncludes(sorted(have), sorted(value))
				: !deepIncludes(have, value)
		)
			return false;
	}
	return true;
}

function deepIncludes(have: unknown, want: unknown): boolean {
	if (Array.isArray(want)) {
		return (
			Array.isArray(have) &&
			have.length === want.length &&
			want.every((w, i) => deepIncludes(have[i], w))
		);
	}
	if (want && typeof want === 'object') {
		if (!have || typeof have !== 'object') return false;
		return Object.entries(want).every(([k, v]) =>
			deepIncludes((have as Record<string, unknown>)[k], v)
		);
	}
	return have === want;
}

export async function searchHealth(meili: MeiliClient): Promise<'up' | 'down'> {
	try {
		const res = await meili.health();
		return res.status === 'available' ? 'up' : 'down';
	} catch {
		return 'down';
	}
}
