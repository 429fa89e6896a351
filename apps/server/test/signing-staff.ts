import { expect } from 'vitest';
import { systemActor } from '../src/platform/http/auth.js';
import { totp } from '../src/modules/identity/index.js';
import type { TestPlatform } from './harness.js';

export type Signer = Awaited<ReturnType<typeof signingStaff>>;

/**
 * A staff member who can sign: an authenticator turned on (the session becomes level 2) and a
 * server-held person certificate from our CA, as the demo seed issues. `otp()` gives a code of a step
 * not yet spent, moving the test clock to the next 30-second step when needed (codes are never replayed).
 */
export async function signingStaff(
  p: TestPlatform,
  agencyCode = 'H26',
  roles: Parameters<TestPlatform['staff']>[0]['roles'] = ['leader'],
  o: { certificate?: boolean } = {},
) {
  const u = await p.staff({ roles, agencyCode });
  const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: u.token })).json() as {
    secret: string;
  };
  // Confirmed with the previous step's code (the server allows ±1 step), so the first signature needs no clock move.
  const stepOf = () => Math.floor(p.clock.now().getTime() / 30_000);
  let last = stepOf() - 1;
  const confirmed = await p.call('POST', '/api/auth/mfa/totp/confirm', {
    token: u.token,
    body: { otp: totp(secret, new Date(last * 30_000)) },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  if (o.certificate !== false)
    await p.signatures.seedDemoCertificates(systemActor, { usernames: [u.username], agencyCodes: [] });
  const otp = () => {
    if (stepOf() <= last) p.clock.advance(30_000);
    last = stepOf();
    return totp(secret, p.clock.now());
  };
  const certificateId = o.certificate === false ? null : await ownCertificate(p, u.token);
  return { ...u, secret, otp, certificateId };
}

/** The id of the person certificate a staff member holds (the first the PKI lists for him). */
async function ownCertificate(p: TestPlatform, token: string): Promise<string> {
  const items = (await p.call('GET', '/api/pki/certificates', { token })).json().items as { id: string }[];
  expect(items.length, 'a person certificate issued').toBeGreaterThan(0);
  return items[0]!.id;
}
