import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../test/harness.js';
import { firstRunChecklist, formatChecklist } from './first-run.js';

describe.each(DB_KINDS)('the first-run checklist of a deployment without demo data on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
  });
  afterAll(async () => p?.close());
  const check = (env: { PUBLIC_URL?: string; NODE_ENV?: 'production' | 'development' } = {}) =>
    firstRunChecklist(p, { HOST: '127.0.0.1', NODE_ENV: 'development', ...env });

  it('says what is missing and how to do it; a seal certificate issued turns its line green', async () => {
    const before = await check();
    const by = (items: typeof before, k: string) => items.find((i) => i.key === k)!;
    expect(by(before, 'agencies')).toMatchObject({ ok: true });
    expect(by(before, 'seals').ok).toBe(false);
    expect(formatChecklist(before)).toContain('✗ seals');
    expect(formatChecklist(before)).toContain('Cấp chứng thư');
    if (kind === 'pglite') {
      // Beside a server on loopback the command runs through it (ADR 0030); on another HOST it cannot.
      expect(by(before, 'administrator').fix).toContain('the running server carries it out');
      const elsewhere = await firstRunChecklist(p, { HOST: '192.0.2.10', NODE_ENV: 'development' });
      expect(by(elsewhere, 'administrator').fix).toContain('stop the server');
    } else expect(by(before, 'administrator').fix).toContain('the server may keep running');
    await p.seal('H26');
    const after = await check();
    expect(by(after, 'pki').ok).toBe(true);
    expect(by(after, 'seals')).toMatchObject({ ok: true, found: expect.stringMatching(/^1 of \d+ agencies/) });
    expect(formatChecklist(after)).toContain('✓ seals');
  });

  it('in production a local PUBLIC_URL is flagged', async () => {
    const items = await check({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' });
    expect(items.find((i) => i.key === 'public-url')!.ok).toBe(false);
    const real = await check({ NODE_ENV: 'production', PUBLIC_URL: 'https://dichvucong.hanoi.gov.vn' });
    expect(real.find((i) => i.key === 'public-url')!.ok).toBe(true);
  });
});
