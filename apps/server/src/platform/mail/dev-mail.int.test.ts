import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

/**
 * Issue 11 item 5: by default (no NODE_ENV, no SMTP) /dev/mail.json served every mail, reset links
 * included, to anyone. Now it exists only when DEV_MAIL_OUTBOX=true, and only for a system administrator.
 */
describe.each(DB_KINDS)('the development outbox on %s', (kind) => {
  let off: TestPlatform;
  let on: TestPlatform;
  beforeAll(async () => {
    off = await createTestPlatform(kind, { env: { NODE_ENV: 'development' } });
    on = await createTestPlatform(kind, { env: { NODE_ENV: 'development', DEV_MAIL_OUTBOX: 'true' } });
  });
  afterAll(async () => {
    await off?.close();
    await on?.close();
  });

  it('is not there by default, even for the administrator', async () => {
    const admin = await off.staff({ roles: ['admin'] });
    for (const url of ['/dev/mail.json', '/dev/mail']) {
      expect((await off.call('GET', url)).statusCode).toBe(404);
      expect((await off.call('GET', url, { token: admin.token })).statusCode).toBe(404);
    }
  });

  it('when enabled, shows reset links to a system administrator only', async () => {
    const c = await on.citizen();
    expect((await on.call('POST', '/api/auth/password/forgot', { body: { email: c.email } })).statusCode).toBe(202);
    await on.deps.jobs.drain();
    for (const url of ['/dev/mail.json', '/dev/mail']) {
      expect((await on.call('GET', url)).statusCode).toBe(401);
      expect((await on.call('GET', url, { token: c.token })).statusCode).toBe(403);
      const agencyAdmin = await on.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
      expect((await on.call('GET', url, { token: agencyAdmin.token })).statusCode).toBe(403);
    }
    const admin = await on.staff({ roles: ['admin'] });
    const r = await on.call('GET', '/dev/mail.json', { token: admin.token });
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toContainEqual(
      expect.objectContaining({ to: c.email, text: expect.stringMatching(/reset-password\?token=/) }),
    );
    const page = await on.call('GET', '/dev/mail', { token: admin.token });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(c.email);
  });
});
