import { router, createCallerFactory } from './init';
import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { organizationsRouter } from './routers/organizations';
import { chatRouter } from './routers/chat';

/** One router per domain, merged here. */
export const appRouter = router({
	auth: authRouter,
	health: healthRouter,
	organizations: organizationsRouter,
	chat: chatRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
