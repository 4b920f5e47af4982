// Decides whether `npm start` must build first: a hash of the paths, sizes and mtimes of every
// input of the build, compared with the one written after the last build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = [
	'src',
	'static',
	'messages',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	'tsconfig.json'
];
const SKIP = new Set(['paraglide', 'node_modules', '.DS_Store']);
export const STAMP_FILE = path.join('build', '.inputs-hash');

function walk(p, hash) {
	if (!existsSync(p)) return;
	const st = statSync(p);
	if (st.isDirectory()) {
		for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), hash);
	} else hash.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
}

export function inputsHash() {
	const hash = createHash('sha256');
	for (const input of INPUTS) walk(input, hash);
	return hash.digest('hex');
}

export function buildIsFresh() {
	return (
		existsSync('build/handler.js') &&
		existsSync(STAMP_FILE) &&
		readFileSync(STAMP_FILE, 'utf8') === inputsHash()
	);
}

export function writeStamp() {
	writeFileSync(STAMP_FILE, inputsHash());
}
