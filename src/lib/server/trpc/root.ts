import { router, createCallerFactory } from './init';
import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { searchRouter } from './routers/search';

/** One router per domain, merged here. */
export const appRouter = router({
	auth: authRouter,
	health: healthRouter,
	search: searchRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
