import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  DB_KINDS,
  staffWithPasskey as passkeyStaff,
  type TestPlatform,
} from '../../../../test/harness.js';
import { SoftAuthenticator } from '../../../../test/soft-authenticator.js';

const ORIGIN = 'http://localhost:3000';

async function samplePdf() {
  const d = await PDFDocument.create();
  d.addPage([595, 842]).drawText('Quyet dinh', { x: 72, y: 760 });
  return Buffer.from(await d.save({ useObjectStreams: false }));
}

/** Remote signing confirmed with a passkey (WebAuthn assertion bound to one signature) instead of a TOTP code. */
describe.each(DB_KINDS)('signing confirmed with a passkey (%s)', (kind) => {
  let p: TestPlatform;
  let admin: { token: string };
  /** A civil servant with a passkey and no authenticator app, at level 2 through a passkey login. */
  let signer: { id: string; token: string; auth: SoftAuthenticator };
  let certId: string;

  const upload = (token: string, bytes: Uint8Array, name: string) => p.upload(token, bytes, name);
  const issue = async (userId: string) => {
    const r = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'person', userId },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const actionOptions = async (token: string, action: string) => {
    const r = await p.call('POST', '/api/auth/mfa/passkey/action-options', { token, body: { action } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const sign = (body: Record<string, unknown>, token = signer.token) =>
    p.call('POST', '/api/signatures/sign', { token, body });

  /** A staff member who registers a passkey and logs in with it (a level-2 session). */
  const staffWithPasskey = () => passkeyStaff(p, { roles: ['specialist'], agencyCode: 'H26', origin: ORIGIN });

  beforeAll(async () => {
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: ORIGIN } });
    admin = await p.staff({ roles: ['admin'] });
    signer = await staffWithPasskey();
    certId = await issue(signer.id);
  });
  afterAll(async () => p?.close());

  it('signs a PDF with a passkey assertion made for this certificate; the platform validator shows the signer; counter and audit recorded', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'quyết định.pdf');
    const opts = await actionOptions(signer.token, `signature:${certId}`);
    expect(opts).toMatchObject({
      rpId: 'localhost',
      action: `signature:${certId}`,
      allowCredentials: [{ id: signer.auth.credentialId.toString('base64url') }],
    });
    expect(opts.challengeId).toBeUndefined();
    const r = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      passkey: signer.auth.get(opts),
      visible: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const v = await p.call('POST', '/api/signatures/validate', { token: signer.token, body: { fileId: r.json().id } });
    expect(v.json()).toMatchObject({
      indication: 'TOTAL_PASSED',
      signatures: [{ format: 'PAdES', level: 'B-T', trustAnchor: { category: 'government' } }],
    });
    const cert = (await p.call('GET', `/api/pki/certificates/${certId}`, { token: signer.token })).json();
    expect(v.json().signatures[0].signer.serial.toLowerCase()).toBe(cert.serial.toLowerCase());
    const keys = (await p.call('GET', '/api/auth/passkeys', { token: signer.token })).json().items;
    expect(keys[0].lastUsedAt).not.toBeNull();
    const events = (
      await p.call('GET', `/api/audit/events?action=user.action_confirmed&subjectId=${signer.id}`, {
        token: admin.token,
      })
    ).json().items;
    expect(events.map((e: { after: unknown }) => e.after)).toContainEqual({
      action: `signature:${certId}`,
      factor: 'passkey',
      credentialId: signer.auth.credentialId.toString('base64url'),
    });
  });

  it('a replayed assertion is refused (422 on passkey); so is a cloned key whose counter went backwards', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'a.pdf');
    const assertion = signer.auth.get(await actionOptions(signer.token, `signature:${certId}`));
    expect((await sign({ fileId, format: 'pades', certificateId: certId, passkey: assertion })).statusCode).toBe(201);
    const replay = await sign({ fileId, format: 'pades', certificateId: certId, passkey: assertion });
    expect(replay.statusCode).toBe(422);
    expect(replay.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    // A copy of the authenticator taken before the last uses: same key, older counter.
    const clone = Object.assign(Object.create(Object.getPrototypeOf(signer.auth)), signer.auth, {
      counter: 1,
    }) as SoftAuthenticator;
    const stale = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      passkey: clone.get(await actionOptions(signer.token, `signature:${certId}`)),
    });
    expect(stale.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_VERIFICATION_FAILED' });
  });

  it('an assertion made for another certificate is refused, and its challenge is spent', async () => {
    const second = await issue(signer.id);
    const fileId = await upload(signer.token, await samplePdf(), 'b.pdf');
    const forSecond = signer.auth.get(await actionOptions(signer.token, `signature:${second}`));
    const r = await sign({ fileId, format: 'pades', certificateId: certId, passkey: forSecond });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    expect(
      (await sign({ fileId, format: 'pades', certificateId: second, passkey: forSecond })).json().errors[0],
    ).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    // With a fresh confirmation for that certificate, it signs.
    const ok = await sign({
      fileId,
      format: 'pades',
      certificateId: second,
      passkey: signer.auth.get(await actionOptions(signer.token, `signature:${second}`)),
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("another user's passkey, or a challenge issued to another user, is refused; a forged signature too", async () => {
    const other = await staffWithPasskey();
    const fileId = await upload(signer.token, await samplePdf(), 'c.pdf');
    // The other user's authenticator answers the signer's challenge.
    const theirs = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      passkey: other.auth.get(await actionOptions(signer.token, `signature:${certId}`)),
    });
    expect(theirs.statusCode).toBe(422);
    expect(theirs.json().errors[0]).toMatchObject({ path: 'passkey', code: 'PASSKEY_UNKNOWN' });
    // A challenge the other user asked for (for the signer's certificate) is not the signer's.
    const notIssuedToSigner = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      passkey: signer.auth.get(await actionOptions(other.token, `signature:${certId}`)),
    });
    expect(notIssuedToSigner.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    // The signer's credential id, another key.
    const forger = new SoftAuthenticator(ORIGIN);
    Object.assign(forger, { credentialId: signer.auth.credentialId });
    const forged = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      passkey: forger.get(await actionOptions(signer.token, `signature:${certId}`)),
    });
    expect(forged.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_VERIFICATION_FAILED' });
    // The other user with their own valid confirmation still is not the holder.
    const f2 = await upload(other.token, await samplePdf(), 'd.pdf');
    const notHolder = await sign(
      {
        fileId: f2,
        format: 'pades',
        certificateId: certId,
        passkey: other.auth.get(await actionOptions(other.token, `signature:${certId}`)),
      },
      other.token,
    );
    expect(notHolder.json()).toMatchObject({ status: 403, code: 'CERTIFICATE_NOT_HOLDER' });
  });

  it('an expired challenge (past 2 minutes) is refused', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'e.pdf');
    const opts = await actionOptions(signer.token, `signature:${certId}`);
    p.clock.advance(2 * 60_000 + 1_000);
    const r = await sign({ fileId, format: 'pades', certificateId: certId, passkey: signer.auth.get(opts) });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
  });

  it('neither confirmation: 422 on otp mentioning the passkey; both: 422 on passkey; a level-1 session must step up first', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'f.pdf');
    const none = await sign({ fileId, format: 'pades', certificateId: certId });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toMatchObject({
      path: 'otp',
      code: 'REQUIRED',
      message: expect.stringContaining('passkey'),
    });
    const both = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      otp: '123456',
      passkey: signer.auth.get(await actionOptions(signer.token, `signature:${certId}`)),
    });
    expect(both.json().errors[0]).toMatchObject({ path: 'passkey', code: 'OTP_OR_PASSKEY' });
    const garbage = await sign({ fileId, format: 'pades', certificateId: certId, passkey: { id: 'x' } });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json().errors[0].path).toMatch(/^passkey/);
    const level1 = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    const own = await issue(level1.id);
    const f2 = await upload(level1.token, await samplePdf(), 'g.pdf');
    const stepUp = await sign(
      {
        fileId: f2,
        format: 'pades',
        certificateId: own,
        passkey: signer.auth.get({ challenge: 'AAAA', rpId: 'localhost' }),
      },
      level1.token,
    );
    expect(stepUp.json()).toMatchObject({ status: 403, code: 'STEP_UP_REQUIRED' });
  });

  it('action options: need a login (401), a registered passkey (409), a well-formed action (422)', async () => {
    expect(
      (await p.call('POST', '/api/auth/mfa/passkey/action-options', { body: { action: `signature:${certId}` } }))
        .statusCode,
    ).toBe(401);
    const none = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    const r = await p.call('POST', '/api/auth/mfa/passkey/action-options', {
      token: none.token,
      body: { action: `signature:${certId}` },
    });
    expect(r.json()).toMatchObject({ status: 409, code: 'PASSKEY_NOT_REGISTERED' });
    const bad = await p.call('POST', '/api/auth/mfa/passkey/action-options', {
      token: signer.token,
      body: { action: 'ký ngay' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'action' });
  });

  it('the OpenAPI document describes both confirmations and the action options', async () => {
    const doc = (await p.call('GET', '/api/openapi.json')).json();
    // A named schema is a $ref to components (the web client's types are generated from those names).
    const deref = (s: { $ref?: string }) =>
      s.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s;
    const sign = deref(doc.paths['/api/signatures/sign'].post.requestBody.content['application/json'].schema);
    expect(Object.keys(sign.properties)).toEqual(expect.arrayContaining(['otp', 'passkey']));
    expect(JSON.stringify(deref(sign.properties.passkey))).toContain('clientDataJSON');
    expect(
      deref(doc.paths['/api/auth/mfa/passkey/action-options'].post.requestBody.content['application/json'].schema)
        .required,
    ).toEqual(['action']);
  });
});
