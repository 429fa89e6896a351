import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildPlatform, type Platform } from '../../apps/server/src/app';
import { loadConfig } from '../../apps/server/src/config/index';
import type { Principal } from '../../apps/server/src/platform/http/auth';
import type { TestClock } from '../../apps/server/src/platform/time/clock';
import { seedReferenceData } from '../../apps/server/src/seed';
import { launchChromium } from './browser';
import { freePort } from './server';

/** The databases a browser test runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export const E2E_DB_KINDS = process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
export type E2eDbKind = (typeof E2E_DB_KINDS)[number];

/**
 * A database of its own for one browser test file: nothing for PGlite (the platform makes it in its data
 * directory), a fresh PostgreSQL database otherwise, dropped by `drop()`. `env` carries its DATABASE_URL.
 */
export async function freshDatabase(kind: E2eDbKind, label: string) {
  if (kind === 'pglite') return { env: {} as Record<string, string>, drop: async () => {} };
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `egov_e2e_${label}_${Date.now()}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: u.toString() } as Record<string, string>,
    drop: () => run(`drop database if exists ${name} with (force)`),
  };
}

/** A system administrator as the use cases see one, for seeding a browser test through the facades. */
export const E2E_ADMIN: Principal = {
  userId: 'usr_e2e',
  username: 'e2e',
  fullName: 'E2E',
  kind: 'staff',
  roles: ['admin'],
  agencyId: null,
  agencyCode: null,
  acr: 2,
  sessionId: null,
  via: 'bearer',
};

export interface InProcessPlatform {
  p: Platform;
  /** `http://localhost:{port}`: the browser uses "localhost" (a secure context; WebAuthn refuses IPs). */
  base: string;
  close(): Promise<void>;
}

/**
 * The platform in this process (a test clock, jobs run by hand: WORKERS=false), on a fresh database, with the
 * reference data seeded and the built web app served, listening on a free port.
 */
export async function startInProcess(
  kind: E2eDbKind,
  label: string,
  o: { clock?: TestClock; env?: Record<string, string> } = {},
): Promise<InProcessPlatform> {
  const dir = mkdtempSync(join(tmpdir(), `egov-e2e-${label}-`));
  const db = await freshDatabase(kind, label);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    APP_SECRET: 'e2e-secret-0123456789-abcdefghijklmnopqrstuv',
    SERVE_WEB: 'true',
    WORKERS: 'false',
    PUBLIC_URL: base,
    RATE_LIMIT_ENABLED: 'false',
    ...db.env,
    ...o.env,
  });
  const p = await buildPlatform(config, o.clock ? { clock: o.clock } : {});
  await seedReferenceData(p);
  await p.app.listen({ port, host: '127.0.0.1' });
  return {
    p,
    base,
    async close() {
      await p.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium with one context per person (Vietnamese locale), every page's uncaught errors collected: a test
 * file checks `pageErrors` is empty at its end.
 */
export class BrowserPeople {
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private constructor(
    readonly browser: Browser,
    private readonly baseURL: () => string,
  ) {}

  static async launch(baseURL: () => string): Promise<BrowserPeople> {
    return new BrowserPeople(await launchChromium(), baseURL);
  }

  /** A new person's page; `who` prefixes the errors it throws. */
  async newPage(viewport = { width: 1280, height: 900 }, who = ''): Promise<Page> {
    const ctx = await this.browser.newContext({ baseURL: this.baseURL(), locale: 'vi-VN', viewport });
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => this.pageErrors.push(who ? `${who}: ${e.message}` : e.message));
    return page;
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser.close();
  }
}
