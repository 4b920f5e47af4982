// npm run search:reindex: rebuilds the search index from PostgreSQL into a fresh index and swaps
// it in atomically (search keeps answering from the old one meanwhile), with a progress bar.
import { runScript } from './run-script';
import { reindexOrganizations } from '../../src/lib/server/search/reindex';
import { reindexClusters } from '../../src/lib/server/search/clusters-sync';
import { progressBar } from '../../src/lib/server/progress';

await runScript('search:reindex', async ({ deps }) => {
	const { documents, seconds } = await reindexOrganizations(deps, {
		progress: (label, total) => progressBar(label, total)
	});
	process.stdout.write(`Reindexed ${documents} organizations in ${seconds.toFixed(1)} s.\n`);
	process.stdout.write(`Reindexed ${await reindexClusters(deps)} active clusters.\n`);
});
