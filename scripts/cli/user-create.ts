// npm run user:create -- --email x@y --role staff [--name "..."] [--locale ar|fr|en] [--password ...]
// Without --password, a strong one is generated and printed once.
import { randomBytes } from 'node:crypto';
import { runScript, parseArgs, UsageError } from './run-script';
import { createUser } from '../../src/lib/server/auth/auth.service';
import { signUpInput } from '../../src/lib/server/auth/auth.schema';
import { setUserRole, findUserByEmail } from '../../src/lib/server/auth/auth.repo';

const USAGE =
	'usage: npm run user:create -- --email someone@example.ma --role member|staff|admin [--name "Full Name"] [--locale ar|fr|en] [--password ...]';

await runScript('user:create', async ({ deps }) => {
	const args = parseArgs();
	const role = String(args.role ?? 'member');
	if (!args.email || !['member', 'staff', 'admin'].includes(role)) throw new UsageError(USAGE);
	const generated = typeof args.password !== 'string';
	const password = generated ? randomBytes(12).toString('base64url') : String(args.password);
	const input = signUpInput.safeParse({
		email: args.email,
		password,
		displayName: args.name ?? String(args.email).split('@')[0],
		locale: args.locale ?? 'ar'
	});
	if (!input.success)
		throw new UsageError(
			`${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`
		);
	const existing = await findUserByEmail(deps.db, input.data.email);
	if (existing) {
		await setUserRole(deps.db, existing.id, role as 'staff');
		process.stdout.write(`${input.data.email} already had an account; its role is now ${role}.\n`);
		return;
	}
	await createUser(deps, { ...input.data, role: role as 'staff' });
	process.stdout.write(
		`Created ${role} ${input.data.email}${generated ? ` with password: ${password}  (shown once; ask them to change it)` : ''}\n`
	);
});
