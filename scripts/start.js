// `npm start`: build if the sources changed since the last build, then run the production server.
import './load-env.js';
import { spawnSync } from 'node:child_process';
import { buildIsFresh, writeStamp } from './build-stamp.js';

if (!buildIsFresh()) {
	process.stdout.write('Building Tashbik (first start, or the sources changed)…\n');
	const result = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{ stdio: 'inherit' }
	);
	if (result.status !== 0) {
		process.stderr.write('The build failed; see the errors above.\n');
		process.exit(result.status ?? 1);
	}
	writeStamp();
}

await import('../server.js');
