#!/usr/bin/env node
// `npm start`: build what changed (the web app with Vite, the server with esbuild), then run the server in
// this process: one Node start, no tsx, so that a restart after a fault (ADR 0016) is healthy in seconds.
// `npm run dev` still runs the sources under tsx with watch.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from './server/build-if-changed.mjs';
import { ensureWebBuilt } from './web/build-if-changed.mjs';

// V8's code cache for every module loaded from here on (Node ≥ 22.1; kept in the OS temp directory).
module.enableCompileCache?.();
const web = ensureWebBuilt();
if (web !== 0) process.exit(web);
process.env.DEV_MAIL_OUTBOX ??= 'true';
process.env.DEV_SMS_OUTBOX ??= 'true';
process.setSourceMapsEnabled(true);
await import(pathToFileURL(await ensureServerBuilt()).href);
