import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_PG_MAJOR, EmbeddedDataDirVersionError, openDatabase } from './index.js';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'egov-pgver-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A data directory as PGlite 0.3 (PostgreSQL 17) left it: only what the check reads, and a witness file. */
function pg17DataDir() {
  const dir = tempDir();
  mkdirSync(join(dir, 'pg', 'base'), { recursive: true });
  writeFileSync(join(dir, 'pg', 'PG_VERSION'), '17\n');
  writeFileSync(join(dir, 'pg', 'base', 'witness'), 'untouched');
  return dir;
}

describe('the embedded database and the PostgreSQL major of its data directory (ADR 0016)', () => {
  it('writes a new data directory with the bundled major, and the constant says which one it is', async () => {
    const dir = tempDir();
    const d = await openDatabase({ dataDir: dir });
    try {
      const r = await d.pglite!.query<{ n: number }>(`select current_setting('server_version_num')::int / 10000 as n`);
      expect(r.rows[0]!.n).toBe(EMBEDDED_PG_MAJOR);
    } finally {
      await d.close();
    }
    expect(readFileSync(join(dir, 'pg', 'PG_VERSION'), 'utf8').trim()).toBe(String(EMBEDDED_PG_MAJOR));
    // And opens it again.
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 120_000);

  it('refuses a PostgreSQL 17 directory (PGlite 0.3) before PGlite touches it, naming the way across', async () => {
    const dir = pg17DataDir();
    const err = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedDataDirVersionError);
    expect((err as Error).message).toMatch(/PostgreSQL 17 \(PGlite 0\.3\.x\)/);
    expect((err as Error).message).toContain(`PostgreSQL ${EMBEDDED_PG_MAJOR}`);
    expect((err as Error).message).toContain('npm run egov -- db upgrade-embedded');
    // Nothing written: the same files, and the lock released for the next attempt.
    expect(readdirSync(join(dir, 'pg')).sort()).toEqual(['PG_VERSION', 'base']);
    expect(readFileSync(join(dir, 'pg', 'base', 'witness'), 'utf8')).toBe('untouched');
    expect(existsSync(join(dir, 'egov.lock'))).toBe(false);
  });

  it('makes the CLI stop with that message, not a stack trace', () => {
    const dir = pg17DataDir();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/was written by PostgreSQL 17/);
    expect(r.stderr).toContain('npm run egov -- db upgrade-embedded');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
