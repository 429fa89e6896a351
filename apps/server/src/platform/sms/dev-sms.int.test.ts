import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

/**
 * The development SMS outbox follows the mail outbox's rules (issue 11 item 5): it exists only when
 * DEV_SMS_OUTBOX=true and no SMS_URL is set, and only a system administrator reads it (the messages
 * hold one-time codes).
 */
describe.each(DB_KINDS)('the development SMS outbox on %s', (kind) => {
  let off: TestPlatform;
  let on: TestPlatform;
  let gateway: TestPlatform;
  beforeAll(async () => {
    off = await createTestPlatform(kind, { env: { NODE_ENV: 'development' } });
    on = await createTestPlatform(kind, { env: { NODE_ENV: 'development', DEV_SMS_OUTBOX: 'true' } });
    gateway = await createTestPlatform(kind, {
      env: {
        NODE_ENV: 'development',
        DEV_SMS_OUTBOX: 'true',
        SMS_URL: 'http://127.0.0.1:9/sms',
        SMS_TOKEN: 'token-12345678',
        SMS_BRANDNAME: 'UBND',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await off?.close();
    await on?.close();
    await gateway?.close();
  });

  it('is not there by default, nor with a gateway configured, even for the administrator', async () => {
    for (const p of [off, gateway]) {
      const admin = await p.staff({ roles: ['admin'] });
      for (const url of ['/dev/sms.json', '/dev/sms']) {
        expect((await p.call('GET', url)).statusCode).toBe(404);
        expect((await p.call('GET', url, { token: admin.token })).statusCode).toBe(404);
      }
    }
  });

  it('when enabled, shows the codes to a system administrator only', async () => {
    const r = await on.call('POST', '/api/feedback/contact-codes', { body: { phone: '0912000111' } });
    expect(r.statusCode).toBe(201);
    await on.deps.jobs.drain();
    const c = await on.citizen();
    const agencyAdmin = await on.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    for (const url of ['/dev/sms.json', '/dev/sms']) {
      expect((await on.call('GET', url)).statusCode).toBe(401);
      expect((await on.call('GET', url, { token: c.token })).statusCode).toBe(403);
      expect((await on.call('GET', url, { token: agencyAdmin.token })).statusCode).toBe(403);
    }
    const admin = await on.staff({ roles: ['admin'] });
    const list = await on.call('GET', '/dev/sms.json', { token: admin.token });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ to: '+84912000111', text: expect.stringMatching(/^Mã xác nhận .*: \d{6} /) }),
    );
    const page = await on.call('GET', '/dev/sms', { token: admin.token });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('+84912000111');
  });
});
