import { router, createCallerFactory } from './init';
import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { chatRouter } from './routers/chat';

/** One router per domain, merged here. */
export const appRouter = router({
	auth: authRouter,
	health: healthRouter,
	chat: chatRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
