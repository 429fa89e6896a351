import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { PGLITE_EXTENSIONS } from './platform/db/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');

function egov(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('egov CLI', () => {
  it(
    'migrates, seeds, creates a user, and verifies the audit chain — and catches tampering',
    { timeout: 240_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'egov-cli-'));
      expect(egov(dir, 'migrate')).toMatchObject({
        code: 0,
        out: expect.stringContaining('migrations applied (pglite)'),
      });
      const seed = egov(dir, 'seed', '--no-demo');
      expect(seed.code).toBe(0);
      expect(seed.out).toMatch(/seeded \d{2,} new agencies, 0 new accounts/);
      const user = egov(
        dir,
        'user',
        'create',
        '--username',
        'nv.test',
        '--password',
        'CanBo@2026',
        '--role',
        'specialist',
        '--role',
        'clerk',
        '--agency',
        '000.00.00.H26',
        '--name',
        'Nguyễn Văn Test',
      );
      expect(user.code).toBe(0);
      expect(user.out).toMatch(/created nv\.test \(usr_[0-9a-z]+\) roles=specialist,clerk agency=H26/);
      const badRole = egov(dir, 'user', 'create', '--username', 'x.y', '--password', 'CanBo@2026', '--role', 'king');
      expect(badRole.code).toBe(2);
      expect(badRole.err).toMatch(/unknown role king/);
      const weak = egov(dir, 'user', 'create', '--username', 'x.z', '--password', 'weak', '--role', 'admin');
      expect(weak.code).toBe(1);
      expect(weak.err).toMatch(/password: .*PASSWORD|VALIDATION_FAILED/);

      const ok = egov(dir, 'audit', 'verify');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ ok: true, checked: expect.any(Number) });

      const db = await PGlite.create({ dataDir: join(dir, 'pg'), extensions: PGLITE_EXTENSIONS });
      await db.query(`update audit.events set after = '{"roles":["admin"]}' where action = 'user.created'`);
      await db.close();
      const broken = egov(dir, 'audit', 'verify');
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.out)).toMatchObject({
        ok: false,
        reason: 'HASH_MISMATCH',
        firstBrokenId: expect.stringMatching(/^aud_/),
      });
    },
  );
});
