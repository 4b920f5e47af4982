// `npm test`: unit and integration tests (vitest, real PostgreSQL + Meilisearch + socket.io), then
// on the production build: system tests (the server as a process) and end-to-end tests
// (Playwright with Debian's Chromium).
//   npm test                 everything
//   npm test -- unit         some parts: unit | integration | system | e2e
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIsFresh, writeStamp } from './build-stamp.js';

const PARTS = ['unit', 'integration', 'system', 'e2e'];
const parts = process.argv.slice(2).filter((a) => PARTS.includes(a));
const want = (p) => parts.length === 0 || parts.includes(p);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const failures = [];

function run(label, args, env = {}) {
	process.stdout.write(`\n── ${label} ──\n`);
	const result = spawnSync(process.execPath, args, {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	if (result.status !== 0) failures.push(label);
	return result.status === 0;
}

const vitest = (projects) => [
	'node_modules/vitest/vitest.mjs',
	'run',
	...projects.flatMap((p) => ['--project', p])
];

const early = ['unit', 'integration'].filter(want);
if (early.length) run(`vitest: ${early.join(' + ')}`, vitest(early));

let built = null;
function ensureBuild() {
	if (built !== null) return built;
	built = buildIsFresh();
	if (!built) {
		built = run('build', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
		if (built) writeStamp();
	}
	return built;
}

if (want('system') && ensureBuild()) run('vitest: system', vitest(['system']));

if (want('e2e')) {
	if (!existsSync(chromium)) {
		process.stderr.write(
			[
				'',
				`End-to-end tests need Chromium, and none was found at ${chromium}.`,
				"Install Debian's: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to another Chromium).",
				'(Playwright cannot download its own browser on this network.)',
				''
			].join('\n')
		);
		if (process.env.REQUIRE_E2E === '1') failures.push('e2e (no Chromium)');
		else process.stderr.write('Skipping the end-to-end tests; everything else ran.\n');
	} else if (ensureBuild()) {
		run('playwright: e2e', ['node_modules/@playwright/test/cli.js', 'test']);
	}
}

if (failures.length) {
	process.stderr.write(`\nFailed: ${failures.join(', ')}\n`);
	process.exit(1);
}
process.stdout.write('\nAll tests passed.\n');
