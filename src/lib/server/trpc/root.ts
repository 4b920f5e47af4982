import { router, createCallerFactory } from './init';
import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { clustersRouter } from './routers/clusters';

/** One router per domain, merged here. */
export const appRouter = router({
	auth: authRouter,
	health: healthRouter,
	clusters: clustersRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
