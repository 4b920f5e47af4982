import type { PageServerLoad } from './$types';
import { chooseOrganization } from '$lib/server/matching/my-organizations';

export const load: PageServerLoad = (event) => chooseOrganization(event, 'suggestions');
