// Reads ./.env when present (Node's own parser), without overriding variables already set.
import { existsSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');
