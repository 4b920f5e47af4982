// npm run seed [-- --orgs 100000]: the demo data (idempotent). Against external servers this is
// the only way anything is seeded.
import { runScript, parseArgs, UsageError } from './run-script';
import { seedDemo } from '../../src/lib/server/seed/seed';
import { progressBar } from '../../src/lib/server/progress';

await runScript('seed', async ({ deps }) => {
	const args = parseArgs();
	const orgs = args.orgs === undefined ? deps.env.SEED_ORGS : Number(args.orgs);
	if (!Number.isInteger(orgs) || orgs < 0 || orgs > 200_000)
		throw new UsageError('--orgs must be a whole number from 0 to 200000');
	await seedDemo(deps, { orgs, progress: (label, total) => progressBar(`seed ${label}`, total) });
	process.stdout.write('Seeded.\n');
});
