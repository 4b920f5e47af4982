import { router, publicProcedure } from '../init';
import { checkHealth } from '$lib/server/health';

export const healthRouter = router({
	check: publicProcedure.query(({ ctx }) => checkHealth(ctx.deps))
});
