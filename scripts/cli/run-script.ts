import '../load-env.js';
import { bootRuntime, type Runtime } from '../../src/lib/server/runtime';
import { ConfigError } from '../../src/lib/server/env';
import { MigrationError } from '../../src/lib/server/db/migrate';
import { AppError } from '../../src/lib/server/errors';
import { translate } from '../../src/lib/i18n/translate';

/**
 * Runs a command-line task with the app's runtime: the same configuration, the embedded services
 * (started for the task, or shared with a running app), migrations applied. Stops everything
 * afterwards and exits non-zero with one clear line on failure.
 */
export async function runScript(name: string, task: (runtime: Runtime) => Promise<void>) {
	let runtime: Runtime | undefined;
	let code = 0;
	try {
		runtime = await bootRuntime({ role: 'script' });
		await task(runtime);
	} catch (err) {
		code = 1;
		const e = err as Error;
		const known =
			e instanceof ConfigError || e instanceof MigrationError || e instanceof UsageError;
		const message =
			e instanceof AppError
				? translate(e.messageKey, e.options.params ?? {}, 'en') + fieldText(e)
				: known
					? e.message
					: (e.stack ?? String(e));
		process.stderr.write(`${name} failed: ${message}\n`);
	} finally {
		await runtime?.stop();
	}
	process.exit(code);
}

function fieldText(e: AppError) {
	const f = e.options.fieldErrors;
	if (!f) return '';
	return (
		' ' +
		Object.entries(f)
			.map(([k, v]) => `${k}: ${v.map((m) => translate(m, {}, 'en')).join(' ')}`)
			.join('; ')
	);
}

export class UsageError extends Error {}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv = process.argv.slice(2)): Record<string, string | true> {
	const out: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const [key, inline] = a.slice(2).split('=', 2);
		if (inline !== undefined) out[key] = inline;
		else if (argv[i + 1] && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
		else out[key] = true;
	}
	return out;
}
