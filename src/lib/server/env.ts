import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, read once at boot. A bad value stops the boot with one line naming it
 * (see `ConfigError`), rather than surfacing later as a confusing failure.
 */
const optionalUrl = (protocols: string[]) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.pipe(z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) }).optional());

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	ORIGIN: optionalUrl(['http', 'https']),
	DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
	MEILI_URL: optionalUrl(['http', 'https']),
	MEILI_MASTER_KEY: z.string().min(16).optional(),
	MEILI_INDEX_PREFIX: z
		.string()
		.regex(/^[a-z0-9_]*$/)
		.default(''),
	DATA_DIR: z.string().default('.data'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SMTP_URL: optionalUrl(['smtp', 'smtps']),
	MAIL_FROM: z.string().default('Tashbik <no-reply@tashbik.ma>'),
	REALTIME_ADAPTER: z.enum(['none', 'postgres', 'redis']).default('none'),
	REDIS_URL: optionalUrl(['redis', 'rediss']),
	SEED: z.enum(['auto', 'never', 'always']).default('auto'),
	SEED_ORGS: z.coerce.number().int().min(0).max(200_000).default(2000),
	TEST_ROUTES: z.enum(['0', '1']).default('0')
});

export type Env = z.infer<typeof schema> & {
	/** Absolute data directory. */
	dataDir: string;
	/** True when served over https (cookies get `Secure`, HSTS is sent). */
	secure: boolean;
};

export class ConfigError extends Error {
	override name = 'ConfigError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
	// An empty value (`PORT=` in .env) means "not set", not "zero" or "empty string".
	const given = Object.fromEntries(
		Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== '')
	);
	const result = schema.safeParse(given);
	if (!result.success) {
		const issue = result.error.issues[0];
		const key = String(issue.path[0] ?? 'environment');
		throw new ConfigError(
			`Invalid configuration: ${key} ${issue.message.toLowerCase()} (got "${source[key] ?? ''}")`
		);
	}
	const env = result.data;
	if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
		throw new ConfigError(
			'Invalid configuration: MEILI_MASTER_KEY is required when MEILI_URL is set'
		);
	}
	if (env.REALTIME_ADAPTER === 'redis' && !env.REDIS_URL) {
		throw new ConfigError(
			'Invalid configuration: REDIS_URL is required when REALTIME_ADAPTER=redis'
		);
	}
	return {
		...env,
		dataDir: path.resolve(env.DATA_DIR),
		secure: env.ORIGIN?.startsWith('https:') ?? false
	};
}
