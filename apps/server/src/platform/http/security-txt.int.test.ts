import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';

describe('/.well-known/security.txt (RFC 9116)', () => {
  let p: TestPlatform;
  let bare: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform('pglite', {
      env: {
        SECURITY_CONTACT: 'mailto:attt@tinh.gov.vn, https://tinh.gov.vn/bao-cao-lo-hong',
        SECURITY_POLICY_URL: 'https://tinh.gov.vn/chinh-sach-cong-bo',
        PUBLIC_URL: 'https://dichvucong.tinh.gov.vn',
      },
    });
    bare = await createTestPlatform('pglite');
  });
  afterAll(async () => Promise.all([p?.close(), bare?.close()]));

  it("publishes the operator's contacts, a policy and an Expires less than a year ahead", async () => {
    const r = await p.call('GET', '/.well-known/security.txt');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    const fields = r.body
      .trim()
      .split('\n')
      .map((l) => l.split(': '));
    expect(fields).toEqual([
      ['Contact', 'mailto:attt@tinh.gov.vn'],
      ['Contact', 'https://tinh.gov.vn/bao-cao-lo-hong'],
      ['Expires', expect.stringMatching(/^\d{4}-\d\d-\d\dT00:00:00Z$/)],
      ['Policy', 'https://tinh.gov.vn/chinh-sach-cong-bo'],
      ['Preferred-Languages', 'vi, en'],
      ['Canonical', 'https://dichvucong.tinh.gov.vn/.well-known/security.txt'],
    ]);
    const expires = Date.parse(fields[2]![1]!);
    const now = p.clock.now().getTime();
    expect(expires).toBeGreaterThan(now);
    expect(expires - now).toBeLessThan(365 * 86_400_000);
  });

  it('is absent when the deployment names no contact, rather than naming a made-up one', async () => {
    expect((await bare.call('GET', '/.well-known/security.txt')).statusCode).toBe(404);
  });

  it('refuses a contact that is neither mailto: nor https:, naming the setting', () => {
    expect(() => loadConfig({ SECURITY_CONTACT: 'attt@tinh.gov.vn' })).toThrow(/SECURITY_CONTACT: must be mailto/);
    expect(() => loadConfig({ SECURITY_CONTACT: 'http://tinh.gov.vn/report' })).toThrow(/SECURITY_CONTACT/);
    expect(() => loadConfig({ SECURITY_POLICY_URL: 'http://tinh.gov.vn/p' })).toThrow(/SECURITY_POLICY_URL/);
  });
});
