import { router, createCallerFactory } from './init';
import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { organizationsRouter } from './routers/organizations';
import { clustersRouter } from './routers/clusters';
import { staffRouter } from './routers/staff';
import { observatoryRouter } from './routers/observatory';
import { moderationRouter } from './routers/moderation';
import { chatRouter } from './routers/chat';
import { accountRouter } from './routers/account';
import { matchingRouter } from './routers/matching';
import { connectionsRouter } from './routers/connections';
import { notificationsRouter } from './routers/notifications';
import { searchRouter } from './routers/search';

/** One router per domain, merged here. */
export const appRouter = router({
	auth: authRouter,
	health: healthRouter,
	organizations: organizationsRouter,
	clusters: clustersRouter,
	staff: staffRouter,
	observatory: observatoryRouter,
	moderation: moderationRouter,
	chat: chatRouter,
	account: accountRouter,
	matching: matchingRouter,
	connections: connectionsRouter,
	notifications: notificationsRouter,
	search: searchRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
