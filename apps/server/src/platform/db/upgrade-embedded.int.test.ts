import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_PG_MAJOR, openDatabase } from './index.js';
import { UPGRADE_TOOL_DIR } from './upgrade-embedded.js';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const INSTALLED = existsSync(join(UPGRADE_TOOL_DIR, 'node_modules/@electric-sql/pglite-tools/package.json'));
const dir = mkdtempSync(join(tmpdir(), 'egov-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function egov(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * ADR 0016, addendum on PGlite 0.5: a data directory written by PGlite 0.3 (PostgreSQL 17) is carried to
 * PostgreSQL 18 by `egov db upgrade-embedded`. Needs PGlite 0.3 apart from the platform
 * (`npm ci --prefix tools/embedded-upgrade`); without it this file is skipped, and says so.
 */
describe.skipIf(!INSTALLED)('egov db upgrade-embedded (needs npm ci --prefix tools/embedded-upgrade)', () => {
  it('carries a PGlite 0.3 data directory to PostgreSQL 18: schema, migrations journal, rows, sequences', async () => {
    const made = spawnSync(
      process.execPath,
      ['apps/server/test/fixtures/pglite03-datadir.mjs', ROOT, join(dir, 'pg')],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000 },
    );
    expect(made.status, made.stderr).toBe(0);
    const before = JSON.parse(made.stdout.trim().split('\n').pop()!) as { version: string; migrations: number };
    expect(before.version).toMatch(/^17\./);
    expect(readFileSync(join(dir, 'pg', 'PG_VERSION'), 'utf8').trim()).toBe('17');

    // The server refuses it; the command carries it across.
    expect(egov('migrate')).toMatchObject({ code: 1, err: expect.stringContaining('db upgrade-embedded') });
    const up = egov('db', 'upgrade-embedded');
    expect(up.code, up.err).toBe(0);
    expect(up.out).toMatch(/upgraded from PostgreSQL 17\.\d+: \d+ tables, \d+ rows, counts checked/);
    expect(readFileSync(join(dir, 'pg', 'PG_VERSION'), 'utf8').trim()).toBe(String(EMBEDDED_PG_MAJOR));
    const kept = readdirSync(dir).filter((f) => f.startsWith('pg-17-'));
    expect(kept.sort()).toEqual([expect.stringMatching(/^pg-17-[\dT-]+Z$/), expect.stringMatching(/\.sql$/)]);
    expect(
      readFileSync(
        join(
          dir,
          kept.find((f) => !f.endsWith('.sql'))!,
          'PG_VERSION',
        ),
        'utf8',
      ).trim(),
    ).toBe('17');
    expect(existsSync(join(dir, 'pg-upgrading'))).toBe(false);

    const d = await openDatabase({ dataDir: dir });
    const pg = d.pglite!;
    try {
      // Every migration was already recorded: none runs again (it would fail on the existing tables anyway).
      await d.migrate();
      const journal = await pg.query<{ n: number }>(`select count(*)::int n from drizzle.__drizzle_migrations`);
      expect(journal.rows[0]!.n).toBe(before.migrations);
      const rows = await pg.query<{
        id: number;
        name: string;
        doc: unknown;
        bin: string | null;
        at: string | null;
      }>(
        `select id, name::text, doc, encode(bin, 'hex') bin, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') at
              from public.carried order by id`,
      );
      expect(rows.rows.map((r) => [r.id, r.name, r.doc, r.bin])).toEqual([
        [1, 'Nguyễn Văn Ánh', { a: [1, { b: 'đ' }] }, '00ff10'],
        [3, "O'Brien; drop table x; --", null, ''],
      ]);
      expect(rows.rows[0]!.at).toBe('2026-12-01 01:00');
      // citext still compares without case, and the sequence goes on after the last id.
      const ci = await pg.query<{ n: number }>(
        `select count(*)::int n from public.carried where name = 'NGUYỄN VĂN ÁNH'`,
      );
      expect(ci.rows[0]!.n).toBe(1);
      const next = await pg.query<{ id: number }>(
        `insert into public.carried (name) values ('Lê Văn Cường') returning id`,
      );
      expect(next.rows[0]!.id).toBe(4);
    } finally {
      await d.close();
    }

    // A second run has nothing to do.
    expect(egov('db', 'upgrade-embedded')).toMatchObject({
      code: 0,
      out: expect.stringContaining(`already PostgreSQL ${EMBEDDED_PG_MAJOR}`),
    });
  }, 600_000);
});
