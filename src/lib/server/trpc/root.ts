import { router, createCallerFactory } from './init';
import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { matchingRouter } from './routers/matching';
import { connectionsRouter } from './routers/connections';
import { notificationsRouter } from './routers/notifications';

/** One router per domain, merged here. */
export const appRouter = router({
	auth: authRouter,
	health: healthRouter,
	matching: matchingRouter,
	connections: connectionsRouter,
	notifications: notificationsRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
