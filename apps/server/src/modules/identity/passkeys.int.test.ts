import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { SoftAuthenticator } from '../../../test/soft-authenticator.js';
import { totp } from './totp.js';

describe.each(DB_KINDS)('passkeys (WebAuthn) on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
  });
  afterAll(async () => p?.close());

  async function enrol(token: string, auth: SoftAuthenticator, name = 'Điện thoại của tôi') {
    const opts = (await p.call('POST', '/api/auth/passkeys/register/options', { token })).json();
    expect(opts).toMatchObject({ rp: { id: 'localhost' }, attestation: 'none', challengeId: expect.any(String) });
    return p.call('POST', '/api/auth/passkeys/register/verify', {
      token,
      body: { challengeId: opts.challengeId, name, response: auth.create(opts) },
    });
  }

  it('registers a passkey and logs in passwordless at level 2', async () => {
    const c = await p.citizen();
    const auth = new SoftAuthenticator('http://localhost:3000');
    const reg = await enrol(c.token, auth);
    expect(reg.statusCode).toBe(201);
    expect(reg.json().name).toBe('Điện thoại của tôi');
    expect((await p.call('GET', '/api/auth/passkeys', { token: c.token })).json().items).toHaveLength(1);

    const opts = (await p.call('POST', '/api/auth/passkeys/login/options', { body: {} })).json();
    const login = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: opts.challengeId, response: auth.get(opts) },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ acr: 2, user: { username: c.username } });
    // The challenge is single-use.
    const replay = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: opts.challengeId, response: auth.get(opts) },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('WEBAUTHN_CHALLENGE_INVALID');
  });

  it('refuses an assertion signed by another key, or for another origin', async () => {
    const c = await p.citizen();
    const auth = new SoftAuthenticator('http://localhost:3000');
    await enrol(c.token, auth);
    const evil = new SoftAuthenticator('http://localhost:3000');
    Object.assign(evil, { credentialId: auth.credentialId }); // same credential id, different key
    const o1 = (await p.call('POST', '/api/auth/passkeys/login/options', { body: {} })).json();
    const forged = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: o1.challengeId, response: evil.get(o1) },
    });
    expect(forged.statusCode).toBe(401);
    const phishing = new SoftAuthenticator('https://evil.example');
    Object.assign(phishing, { credentialId: auth.credentialId });
    const o2 = (await p.call('POST', '/api/auth/passkeys/login/options', { body: {} })).json();
    const wrongOrigin = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: o2.challengeId, response: phishing.get(o2) },
    });
    expect(wrongOrigin.statusCode).toBe(401);
  });

  it('serves as the second factor after the password when TOTP is enrolled', async () => {
    const c = await p.citizen();
    const auth = new SoftAuthenticator('http://localhost:3000');
    await enrol(c.token, auth);
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: c.token })).json();
    await p.call('POST', '/api/auth/mfa/totp/confirm', { token: c.token, body: { otp: totp(secret, p.clock.now()) } });
    const first = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } });
    expect(first.json()).toMatchObject({ code: 'MFA_REQUIRED', params: { methods: ['totp', 'passkey'] } });
    const opts = (
      await p.call('POST', '/api/auth/passkeys/login/options', { body: { mfaToken: first.json().params.mfaToken } })
    ).json();
    expect(opts.allowCredentials).toHaveLength(1);
    const r = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: opts.challengeId, response: auth.get(opts) },
    });
    expect(r.json()).toMatchObject({ acr: 2 });
    // Another user's passkey cannot answer this user's second-factor challenge.
    const d = await p.citizen();
    const dAuth = new SoftAuthenticator('http://localhost:3000');
    await enrol(d.token, dAuth);
    const o2 = (
      await p.call('POST', '/api/auth/passkeys/login/options', { body: { mfaToken: first.json().params.mfaToken } })
    ).json();
    const cross = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: o2.challengeId, response: dAuth.get(o2) },
    });
    expect(cross.statusCode).toBe(401);
    const badToken = await p.call('POST', '/api/auth/passkeys/login/options', { body: { mfaToken: 'forged.token' } });
    expect(badToken.json().code).toBe('MFA_TOKEN_INVALID');
  });

  it('removes a passkey (only your own)', async () => {
    const c = await p.citizen();
    const auth = new SoftAuthenticator('http://localhost:3000');
    const id = (await enrol(c.token, auth)).json().id;
    const other = await p.citizen();
    expect((await p.call('DELETE', `/api/auth/passkeys/${id}`, { token: other.token })).statusCode).toBe(404);
    expect((await p.call('DELETE', `/api/auth/passkeys/${id}`, { token: c.token })).statusCode).toBe(200);
    const opts = (await p.call('POST', '/api/auth/passkeys/login/options', { body: {} })).json();
    const r = await p.call('POST', '/api/auth/passkeys/login/verify', {
      body: { challengeId: opts.challengeId, response: auth.get(opts) },
    });
    expect(r.json().code).toBe('PASSKEY_UNKNOWN');
  });
});
