import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import type { Plugin, ViteDevServer } from 'vite';
import type { Server as HttpServer } from 'node:http';
import { paraglideOptions } from './scripts/paraglide-options.js';
import { localeBundles } from './scripts/locale-bundles.js';

/**
 * In development, boot the runtime (embedded services, migrations, seed) when Vite starts and put
 * socket.io on Vite's own HTTP server; production does the same in server.js.
 */
function tashbikDevRuntime(): Plugin {
	return {
		name: 'tashbik-dev-runtime',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			if (!server.httpServer || process.env.VITEST) return;
			const httpServer = server.httpServer as HttpServer;
			httpServer.once('listening', async () => {
				try {
					const mod = await server.ssrLoadModule('/src/lib/server/runtime.ts');
					const runtime = await mod.getRuntime();
					await runtime.attach(httpServer);
				} catch (err) {
					console.error('Tashbik failed to start:', (err as Error).message);
					process.exit(1);
				}
			});
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		localeBundles({ project: paraglideOptions.project }),
		tashbikDevRuntime()
	],
	server: { host: '127.0.0.1' },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					sequence: { groupOrder: 0 },
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					sequence: { groupOrder: 1 },
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// Two cores: files run two at a time, each in its own database.
					maxWorkers: 2,
					fileParallelism: true
				}
			},
			{
				// The built production server run as a process (needs `npm run build`; npm test builds).
				extends: './vite.config.ts',
				test: {
					name: 'system',
					environment: 'node',
					sequence: { groupOrder: 2 },
					include: ['tests/system/**/*.test.ts'],
					// PostgreSQL and Meilisearch for the tests that run the built server against a test database.
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
