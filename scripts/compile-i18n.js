// Compiles the message catalogues before anything that does not go through Vite (type check,
// scripts run with tsx) needs them.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide-options.js';

await compile(paraglideOptions);
