import { PDFDocument } from 'pdf-lib';
import { expect } from 'vitest';
import { systemActor } from '../../platform/http/auth.js';
import type { TestPlatform } from '../../../test/harness.js';
import { totp } from '../identity/index.js';

type Roles = Parameters<TestPlatform['staff']>[0]['roles'];

/**
 * A civil servant who can sign remotely: an authenticator turned on (the session is level 2) and a
 * server-held person certificate. `otp()` gives a code of a step not yet spent, moving the test clock
 * to the next 30-second step when needed (codes are never replayed).
 */
export async function signer(p: TestPlatform, roles: Roles = ['leader'], agencyCode = 'H26') {
  const u = await p.staff({ roles, agencyCode });
  const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: u.token })).json() as {
    secret: string;
  };
  const stepOf = () => Math.floor(p.clock.now().getTime() / 30_000);
  let last = stepOf() - 1;
  const confirmed = await p.call('POST', '/api/auth/mfa/totp/confirm', {
    token: u.token,
    body: { otp: totp(secret, new Date(last * 30_000)) },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  await p.signatures.seedDemoCertificates(systemActor, { usernames: [u.username], agencyCodes: [] });
  const certs = (await p.call('GET', '/api/pki/certificates', { token: u.token })).json();
  const certificateId = certs.items[0].id as string;
  const otp = () => {
    if (stepOf() <= last) p.clock.advance(30_000);
    last = stepOf();
    return totp(secret, p.clock.now());
  };
  return { ...u, otp, certificateId };
}

export async function pdf(pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return Buffer.from(await doc.save());
}
