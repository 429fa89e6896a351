import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/harness.js';
import { DEMO_ACCOUNTS, DEMO_SEAL_AGENCIES, seedDemo } from '../../../seed.js';

const ROOT = resolve(import.meta.dirname, '../../../../../..');

function egov(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

const rootIdOf = (out: string) => /^root\s+\S+\s+(ca_[0-9a-z]+)/m.exec(out)?.[1];

describe('egov pki init', () => {
  it('creates the root, issuing CA and TSA once; a second run finds them', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-pki-cli-'));
    const first = await egov({ DATA_DIR: dir }, 'pki', 'init');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(
      /^root\s+created\s+ca_\w+\s+C=VN, O=Nền tảng Chính phủ điện tử, OU=Chỉ dùng để thử nghiệm - không có giá trị pháp lý, CN=Cơ quan chứng thực điện tử chuyên dùng Chính phủ \(thử nghiệm\)$/m,
    );
    expect(first.out).toMatch(/^issuing\s+created/m);
    expect(first.out).toMatch(/^tsa\s+created/m);
    const second = await egov({ DATA_DIR: dir }, 'pki', 'init');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^root\s+exists/m);
    expect(rootIdOf(second.out)).toBe(rootIdOf(first.out));
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)(
    'two processes started at once on PostgreSQL make one PKI',
    { timeout: 240_000 },
    async () => {
      const admin = new URL(process.env.TEST_DATABASE_URL!);
      const name = `egov_t_pki_${Date.now().toString(36)}`;
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`create database ${name}`);
      const url = new URL(admin.toString());
      url.pathname = `/${name}`;
      try {
        const env = {
          DATABASE_URL: url.toString(),
          DATA_DIR: mkdtempSync(join(tmpdir(), 'egov-pki-cli-')),
          APP_SECRET: 'cli-test-secret-0123456789-abcdefghijklmnop',
        };
        expect((await egov(env, 'migrate')).code).toBe(0);
        const [a, b] = await Promise.all([egov(env, 'pki', 'init'), egov(env, 'pki', 'init')]);
        expect(a.code, a.err).toBe(0);
        expect(b.code, b.err).toBe(0);
        expect(rootIdOf(a.out)).toBe(rootIdOf(b.out));
        expect([a.out, b.out].filter((o) => /^root\s+created/m.test(o))).toHaveLength(1);
        const db = new pg.Client({ connectionString: url.toString() });
        await db.connect();
        const counts = await db.query(
          `select profile, count(*)::int as n from signatures.certificates group by profile order by profile`,
        );
        const roles = await db.query(`select count(*)::int as n from signatures.pki_roles`);
        const anchors = await db.query(`select count(*)::int as n from signatures.trust_anchors`);
        await db.end();
        expect(counts.rows).toEqual([
          { profile: 'issuing', n: 1 },
          { profile: 'root', n: 1 },
          { profile: 'tsa', n: 1 },
        ]);
        expect(roles.rows[0].n).toBe(3);
        expect(anchors.rows[0].n).toBe(1);
      } finally {
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      }
    },
  );
});

describe('egov pki seal', () => {
  it(
    'issues a seal to each named agency that has none, says which are unknown, and never twice',
    { timeout: 240_000 },
    async () => {
      const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'egov-pki-seal-')) };
      const early = await egov(env, 'pki', 'seal', '--agency', 'H26');
      expect(early.code).toBe(2);
      expect(early.err).toContain('run `npm run egov -- pki init` first');
      expect((await egov(env, 'pki', 'init')).code).toBe(0);
      expect((await egov(env, 'seed', '--no-demo')).code).toBe(0);
      const none = await egov(env, 'pki', 'seal');
      expect(none.code).toBe(2);
      expect(none.err).toContain('pki seal needs --agency');
      const first = await egov(env, 'pki', 'seal', '--agency', 'H26', '--agency', 'X99.NOPE');
      expect(first.code, first.err).toBe(1);
      const created = /^seal\s+created\s+(crt_\w+)\s+(\S*H26)\s+.*CN=/m.exec(first.out);
      expect(created, first.out).not.toBeNull();
      expect(first.out).toMatch(/^seal\s+unknown\s+X99\.NOPE\s+no such agency/m);
      const again = await egov(env, 'pki', 'seal', '--agency', 'H26');
      expect(again.code, again.err).toBe(0);
      expect(again.out).toMatch(new RegExp(`^seal\\s+exists\\s+${created![1]}\\s+${created![2]}\\s`, 'm'));
      const check = await egov(env, 'check');
      expect(check.out).toMatch(/✓ seals\s+1 of \d+ agencies/);
    },
  );
});

describe('demo seed', () => {
  it(
    'gives the demo civil servants person certificates and the demo agencies seals, once',
    { timeout: 240_000 },
    async () => {
      const p = await createTestPlatform('pglite');
      try {
        const first = await seedDemo(p);
        // Every demo civil servant of an agency (the e-Cabinet members too).
        expect(first.certificates).toEqual({
          person: DEMO_ACCOUNTS.filter((a) => a.agencyCode).length,
          seal: DEMO_SEAL_AGENCIES.length,
        });
        const again = await seedDemo(p);
        expect(again.certificates).toEqual({ person: 0, seal: 0 });
        const token = await p.login('hn.lanhdao', 'Demo@12345');
        const mine = (await p.call('GET', '/api/pki/certificates', { token })).json();
        expect(mine.items).toEqual([
          expect.objectContaining({
            profile: 'person',
            status: 'active',
            keyHeld: true,
            subject: expect.stringContaining('CN=Phạm Văn Lãnh Đạo'),
          }),
        ]);
        const seal = await p.signatures.sealKeyFor('H26');
        expect(seal.chain).toHaveLength(3);
        await expect(p.signatures.signingKeyFor(mine.items[0].id)).resolves.toMatchObject({ algorithm: 'ECDSA-P256' });
      } finally {
        await p.close();
      }
    },
  );
});
