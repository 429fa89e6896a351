import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { buildPlatform } from '../src/app.js';
import { systemActor } from '../src/platform/http/auth.js';
import { seedReferenceData } from '../src/seed.js';
import { TEMPLATE_PATH, testConfig } from './config.js';

/**
 * Once per run: an initialised, migrated and seeded PGlite data dir, dumped to a file; every
 * test file loads it (~1 s) instead of running initdb and migrations (~5 s). On PostgreSQL
 * (TEST_DATABASE_URL) each file makes its own fresh database instead.
 */
export default async function setup() {
  const p = await buildPlatform(testConfig(), {});
  await seedReferenceData(p);
  // The demo PKI (root, issuing CA, TSA) in the template: every test file can issue and sign.
  await p.signatures.init(systemActor);
  const dump = await p.database.pglite!.dumpDataDir('gzip');
  mkdirSync(dirname(TEMPLATE_PATH), { recursive: true });
  writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  await p.close();
  if (process.env.TEST_DATABASE_URL) {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query('select 1');
    await c.end();
  }
}
