import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMeilisearch } from '../../src/lib/server/services/embedded-meilisearch';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the bundled Meilisearch', () => {
	// One generated key in 64 starts with "-" (base64url): given on the command line, Meilisearch
	// read it as an option and exited with code 2, so a fresh install sometimes did not start.
	it('starts with a master key that begins with "-", and that key is required', async () => {
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-meili-key-'));
		dirs.push(dataDir);
		await mkdir(path.join(dataDir, 'meili'));
		const key = '-Xk2_dash-first-key-0123456789ab';
		await writeFile(path.join(dataDir, 'meili', 'master-key'), key);
		const meili = await startEmbeddedMeilisearch({ dataDir, log: () => {} });
		try {
			expect(meili.masterKey).toBe(key);
			const withKey = await fetch(`${meili.url}/keys`, {
				headers: { authorization: `Bearer ${key}` }
			});
			expect(withKey.status).toBe(200);
			const without = await fetch(`${meili.url}/keys`);
			expect(without.status).toBe(401);
		} finally {
			await meili.stop();
		}
	}, 60_000);
});
