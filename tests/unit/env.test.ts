import { describe, expect, it } from 'vitest';
import { parseEnv, ConfigError } from '../../src/lib/server/env';

describe('configuration', () => {
	it('has working defaults: embedded services, port 3000, Arabic-first app', () => {
		const env = parseEnv({});
		expect(env.PORT).toBe(3000);
		expect(env.DATABASE_URL).toBeUndefined();
		expect(env.MEILI_URL).toBeUndefined();
		expect(env.secure).toBe(false);
		expect(env.dataDir).toMatch(/\.data$/);
	});

	it.each([
		[{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
		[{ PORT: '70000' }, /^Invalid configuration: PORT /],
		[{ DATABASE_URL: 'mysql://x@y/z' }, /^Invalid configuration: DATABASE_URL /],
		[{ MEILI_URL: 'http://127.0.0.1:7700' }, /MEILI_MASTER_KEY is required/],
		[{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
		[{ ORIGIN: 'not a url' }, /^Invalid configuration: ORIGIN /]
	])('stops with one line naming the bad value: %o', (source, message) => {
		let error: unknown;
		try {
			parseEnv(source);
		} catch (err) {
			error = err;
		}
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as Error).message).toMatch(message);
		expect((error as Error).message).not.toContain('\n');
	});

	it('marks https origins secure (Secure cookies, HSTS)', () => {
		expect(parseEnv({ ORIGIN: 'https://tashbik.oriental.ma' }).secure).toBe(true);
	});
});
