import type { AppDeps } from '$lib/server/deps';
import { logoUrl } from '$lib/organizations/options';
import { requireOrgRole, MANAGER_ROLES } from './membership';
import { setLogoPath } from './organizations.repo';
import { recordSearchableChange } from './search-sync';
import { deleteLogo, processLogo, storeLogo } from './logo';

/** Replaces the organization's logo. The old file is deleted once the new one is committed. */
export async function setLogo(
	deps: AppDeps,
	userId: string,
	input: { id: string; file: Uint8Array }
) {
	// Authorization before any decoding: outsiders do not get to spend our CPU.
	await requireOrgRole(deps.db, input.id, userId, MANAGER_ROLES);
	const webp = await processLogo(input.file);
	const file = await storeLogo(deps.env.dataDir, webp);
	let previous: string | null;
	try {
		previous = await deps.db.tx(async (client) => {
			await requireOrgRole(client, input.id, userId, MANAGER_ROLES);
			const old = await setLogoPath(client, input.id, file);
			await recordSearchableChange(client, input.id);
			return old;
		});
	} catch (err) {
		await deleteLogo(deps.env.dataDir, file);
		throw err;
	}
	await deleteLogo(deps.env.dataDir, previous);
	return { logoUrl: logoUrl(file)!, bytes: webp.length };
}

export async function removeLogo(deps: AppDeps, userId: string, input: { id: string }) {
	const previous = await deps.db.tx(async (client) => {
		await requireOrgRole(client, input.id, userId, MANAGER_ROLES);
		const old = await setLogoPath(client, input.id, null);
		if (old) await recordSearchableChange(client, input.id);
		return old;
	});
	await deleteLogo(deps.env.dataDir, previous);
	return { removed: !!previous };
}
