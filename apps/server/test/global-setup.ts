import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildPlatform, type Platform } from '../src/app.js';
import type { Config } from '../src/config/index.js';
import { systemActor } from '../src/platform/http/auth.js';
import { seedReferenceData } from '../src/seed.js';
import { TestClock } from '../src/platform/time/clock.js';
import { TEMPLATE_PATH, TEST_PKI_EPOCH, testConfig } from './config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's template database on PostgreSQL (`create database … template` it), or '' without TEST_DATABASE_URL. */
    pgTemplate: string;
  }
}

/** Migrated, seeded, with the demo PKI (root, issuing CA, TSA): every test file can issue and sign. */
async function seeded(config: Config): Promise<Platform> {
  const clock = new TestClock();
  const p = await buildPlatform(config, { clock });
  await seedReferenceData(p);
  await clock.during(TEST_PKI_EPOCH, () => p.signatures.init(systemActor));
  return p;
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Once per run, the same seeded start for every test file on both databases: a PGlite data dir dumped to a
 * file, which a file loads (~1 s) instead of running initdb and migrations (~5 s); and, with TEST_DATABASE_URL,
 * a PostgreSQL template database that each platform copies (a fraction of a second against ~3 s to migrate,
 * seed and make keys). Dropped at the end of the run.
 */
export default async function setup({ provide }: TestProject) {
  const p = await seeded(testConfig());
  const dump = await p.database.pglite!.dumpDataDir('gzip');
  mkdirSync(dirname(TEMPLATE_PATH), { recursive: true });
  writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  await p.close();
  if (!process.env.TEST_DATABASE_URL) {
    provide('pgTemplate', '');
    return;
  }
  const name = `egov_tpl_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  // Closed before any copy: PostgreSQL copies a template only while nobody is connected to it.
  await (await seeded(testConfig({ DATABASE_URL: url.toString() }))).close();
  provide('pgTemplate', name);
  return () => admin(`drop database if exists ${name} with (force)`);
}
