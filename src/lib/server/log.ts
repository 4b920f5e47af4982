import pino from 'pino';

/** Structured logs. One root logger; requests get a child with their request id. */
export const log = pino({
	level: process.env.LOG_LEVEL ?? 'info',
	base: undefined,
	redact: ['password', '*.password', 'token', '*.token', 'req.headers.cookie']
});

export type Logger = pino.Logger;
