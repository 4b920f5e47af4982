import type { Env } from './env';
import type { Db } from './db/db';
import type { AppLucia } from './auth/lucia';
import type { MeiliClient } from './search/meili-client';
import type { Mailer } from './mail/mailer';
import type { RealtimeBus } from './realtime/bus';
import type { Logger } from './log';

/** Everything a domain service may need, passed explicitly (tests build their own). */
export interface AppDeps {
	env: Env;
	db: Db;
	lucia: AppLucia;
	meili: MeiliClient;
	mailer: Mailer;
	/** Mutable: socket.io attaches after boot. */
	realtime: RealtimeBus;
	log: Logger;
}
