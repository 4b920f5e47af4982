import path from 'node:path';

/** The project root: npm scripts, server.js and the dev server all run from it. */
export const projectRoot = process.env.TASHBIK_ROOT ?? process.cwd();
export const migrationsDir = path.join(projectRoot, 'db', 'migrations');
