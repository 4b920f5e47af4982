import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as ar from '@zxcvbn-ts/language-ar';
import * as fr from '@zxcvbn-ts/language-fr';
import * as en from '@zxcvbn-ts/language-en';
import type { Locale } from '$lib/i18n/locales';

// OWASP's argon2id baseline: m = 19 MiB, t = 2, p = 1.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** zxcvbn score (0-4) below which a password is refused. */
export const PASSWORD_MIN_SCORE = 3;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

type Translations = typeof en.translations;
const byLocale: Record<Locale, Translations> = {
	ar: ar.translations as Translations,
	fr: fr.translations as Translations,
	en: en.translations
};

/** A translations table whose every value is its own key, so feedback comes back as keys we translate per user. */
function identity<T>(obj: T, prefix = ''): T {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
		out[k] = v && typeof v === 'object' ? identity(v, `${prefix}${k}.`) : `${prefix}${k}`;
	}
	return out as T;
}

let factory: ZxcvbnFactory | undefined;
function zxcvbn() {
	factory ??= new ZxcvbnFactory({
		dictionary: { ...common.dictionary, ...ar.dictionary, ...fr.dictionary, ...en.dictionary },
		graphs: common.adjacencyGraphs,
		translations: identity(en.translations)
	});
	return factory;
}

function translate(key: string | null, locale: Locale): string | null {
	if (!key) return null;
	const [group, name] = key.split('.');
	const table = byLocale[locale] as unknown as Record<string, Record<string, string>>;
	return (
		table[group]?.[name] ??
		(en.translations as unknown as Record<string, Record<string, string>>)[group]?.[name] ??
		null
	);
}

export interface StrengthResult {
	ok: boolean;
	score: number;
	/** Advice in the user's language: the warning first, then suggestions. */
	advice: string[];
}

/** Judges a password; `userInputs` (e-mail, name) count as guessable words. */
export function checkPasswordStrength(
	password: string,
	locale: Locale,
	userInputs: string[] = []
): StrengthResult {
	// Whole inputs and their parts: "mohammed.benali@x.ma" makes "mohammed" and "benali" guessable.
	const words = userInputs
		.flatMap((input) => [input, ...input.toLowerCase().split(/[\s.@_\-+]+/)])
		.filter((w) => w.length >= 3);
	const result = zxcvbn().check(password.slice(0, PASSWORD_MAX), words);
	const advice = [result.feedback.warning, ...result.feedback.suggestions]
		.map((k) => translate(k, locale))
		.filter((s): s is string => !!s);
	return {
		ok: result.score >= PASSWORD_MIN_SCORE && !madeOfUserInputs(result.sequence),
		score: result.score,
		advice
	};
}

/** "mohammed.benali" for Mohammed Benali: the user's own words and a separator are not a secret. */
function madeOfUserInputs(sequence: { pattern: string; token: string; dictionaryName?: string }[]) {
	const fromInputs = sequence.filter(
		(s) => s.pattern === 'dictionary' && s.dictionaryName === 'userInputs'
	);
	const rest = sequence
		.filter((s) => !fromInputs.includes(s))
		.reduce((n, s) => n + s.token.length, 0);
	return fromInputs.length > 0 && rest < 4;
}
