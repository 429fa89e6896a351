import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  DB_KINDS,
  staffWithPasskey as passkeyStaff,
  type TestPlatform,
} from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { makePdf, RecordingOutbox, upload } from './documents.test-support.js';

const ORIGIN = 'http://localhost:3000';

/** The leader confirms the document's signature with a passkey (WebAuthn assertion for `signature:<certificateId>`) instead of a TOTP code. */
describe.each(DB_KINDS)('document signed by a leader confirming with a passkey (%s)', (kind) => {
  let p: TestPlatform;
  let specialist: Awaited<ReturnType<TestPlatform['staff']>>;
  let clerk: Awaited<ReturnType<TestPlatform['staff']>>;
  let admin: Awaited<ReturnType<TestPlatform['staff']>>;
  let leader: Awaited<ReturnType<typeof staffWithPasskey>>;

  const act = (token: string, id: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/documents/${id}/actions`, { token, body });
  const get = async (token: string, id: string) => (await p.call('GET', `/api/documents/${id}`, { token })).json();
  const actionOptions = async (token: string, action: string) => {
    const r = await p.call('POST', '/api/auth/mfa/passkey/action-options', { token, body: { action } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const certificateOf = async (userId: string) => {
    const r = await p.call('GET', `/api/pki/certificates?owner=${userId}&profile=person`, { token: admin.token });
    expect(r.json().items).toHaveLength(1);
    return r.json().items[0] as { id: string; serial: string };
  };

  /** A civil servant of H26 with a passkey, no authenticator app, a level-2 session from a passkey login and a person certificate. */
  async function staffWithPasskey(roles: Parameters<TestPlatform['staff']>[0]['roles'] = ['leader']) {
    const u = await passkeyStaff(p, { roles, agencyCode: 'H26', origin: ORIGIN });
    await p.signatures.seedDemoCertificates(systemActor, { usernames: [u.username], agencyCodes: [] });
    const cert = await certificateOf(u.id);
    return { ...u, certId: cert.id, serial: cert.serial };
  }

  async function submitted(subject = 'Quyết định phê duyệt kế hoạch chuyển đổi số') {
    const fileId = await upload(p, specialist.token, await makePdf(1));
    const r = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: { type: 'QD', subject, recipients: ['H41'], fileIds: [fileId] },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect((await act(specialist.token, id, { action: 'submit' })).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: ORIGIN } });
    p.documents.exchange = new RecordingOutbox();
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    admin = await p.staff({ roles: ['admin'] });
    leader = await staffWithPasskey();
    await p.seal('H26');
  });
  afterAll(async () => p?.close());

  it('signs with a passkey assertion made for his certificate (named or his single one); the report shows him; the clerk issues over it; the confirmation is audited', async () => {
    const id = await submitted();
    const passkey = leader.auth.get(await actionOptions(leader.token, `signature:${leader.certId}`));
    // No certificateId: the server takes his single usable certificate, the one the assertion was made for.
    const r = await act(leader.token, id, { action: 'sign', signerPosition: 'Chủ tịch', passkey });
    expect(r.statusCode, r.body).toBe(200);
    const signed = r.json();
    expect(signed).toMatchObject({
      status: 'signed',
      signer: { id: leader.id, position: 'Chủ tịch' },
      signatures: { digital: true, report: { indication: 'TOTAL_PASSED' } },
    });
    expect(signed.signatures.report.signatures).toEqual([
      expect.objectContaining({
        format: 'PAdES',
        level: 'B-T',
        signer: expect.objectContaining({ commonName: `Cán bộ ${leader.username}` }),
      }),
    ]);
    expect(signed.signatures.report.signatures[0].signer.serial.toLowerCase()).toBe(leader.serial.toLowerCase());
    const issued = await act(clerk.token, id, { action: 'issue' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().signatures.report.signatures).toHaveLength(2);
    const events = (
      await p.call('GET', `/api/audit/events?action=user.action_confirmed&subjectId=${leader.id}`, {
        token: admin.token,
      })
    ).json().items;
    expect(events.map((e: { after: unknown }) => e.after)).toContainEqual({
      action: `signature:${leader.certId}`,
      factor: 'passkey',
      credentialId: leader.auth.credentialId.toString('base64url'),
    });

    // Named explicitly, the same.
    const id2 = await submitted();
    const named = await act(leader.token, id2, {
      action: 'sign',
      signerPosition: 'Chủ tịch',
      certificateId: leader.certId,
      passkey: leader.auth.get(await actionOptions(leader.token, `signature:${leader.certId}`)),
    });
    expect(named.statusCode, named.body).toBe(200);
  });

  it('a replayed assertion does not sign a second document (422 on passkey, WEBAUTHN_CHALLENGE_INVALID); it stays in review', async () => {
    const a = await submitted();
    const b = await submitted();
    const passkey = leader.auth.get(await actionOptions(leader.token, `signature:${leader.certId}`));
    expect((await act(leader.token, a, { action: 'sign', signerPosition: 'Chủ tịch', passkey })).statusCode).toBe(200);
    const replay = await act(leader.token, b, { action: 'sign', signerPosition: 'Chủ tịch', passkey });
    expect(replay.statusCode).toBe(422);
    expect(replay.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    expect(await get(clerk.token, b)).toMatchObject({
      status: 'in_review',
      signer: null,
      signatures: { digital: false },
    });
  });

  it("another leader's passkey, a challenge issued to another user, one made for another action, or an expired one are refused; nothing is signed", async () => {
    const id = await submitted();
    const other = await staffWithPasskey();
    const sign = (passkey: unknown, token = leader.token) =>
      act(token, id, { action: 'sign', signerPosition: 'Chủ tịch', passkey });
    // The other leader's authenticator answers our leader's challenge.
    const theirs = await sign(other.auth.get(await actionOptions(leader.token, `signature:${leader.certId}`)));
    expect(theirs.statusCode).toBe(422);
    expect(theirs.json().errors[0]).toMatchObject({ path: 'passkey', code: 'PASSKEY_UNKNOWN' });
    // A challenge the other leader asked for, answered by our leader's key: not issued to him.
    const notHis = await sign(leader.auth.get(await actionOptions(other.token, `signature:${leader.certId}`)));
    expect(notHis.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    // The other leader with his own valid assertion, for his own certificate, signs as himself, not as our leader:
    // but an assertion he made for our leader's certificate is refused even to him.
    const forOthersCert = await sign(
      other.auth.get(await actionOptions(other.token, `signature:${leader.certId}`)),
      other.token,
    );
    expect(forOthersCert.statusCode).toBe(422);
    expect(forOthersCert.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    // Made for another action.
    const otherAction = await sign(leader.auth.get(await actionOptions(leader.token, 'signature:crt_something_else')));
    expect(otherAction.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    // Expired: past the 2 minutes.
    const opts = await actionOptions(leader.token, `signature:${leader.certId}`);
    p.clock.advance(2 * 60_000 + 1_000);
    const expired = await sign(leader.auth.get(opts));
    expect(expired.statusCode).toBe(422);
    expect(expired.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    expect(await get(clerk.token, id)).toMatchObject({
      status: 'in_review',
      signer: null,
      signatures: { digital: false },
    });
  });

  it('both a code and a passkey: 422 on passkey; a malformed assertion: 422 naming passkey; a specialist with a passkey may not sign (403); no login: 401', async () => {
    const id = await submitted();
    const both = await act(leader.token, id, {
      action: 'sign',
      signerPosition: 'Chủ tịch',
      otp: '123456',
      passkey: leader.auth.get(await actionOptions(leader.token, `signature:${leader.certId}`)),
    });
    expect(both.statusCode).toBe(422);
    expect(both.json().errors[0]).toMatchObject({ path: 'passkey', code: 'OTP_OR_PASSKEY' });
    const garbage = await act(leader.token, id, { action: 'sign', signerPosition: 'Chủ tịch', passkey: { id: 'x' } });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.headers['content-type']).toContain('application/problem+json');
    expect(garbage.json().errors[0].path).toMatch(/^passkey/);
    const clever = await staffWithPasskey(['specialist']);
    const forbidden = await act(clever.token, id, {
      action: 'sign',
      signerPosition: 'Chuyên viên',
      passkey: clever.auth.get(await actionOptions(clever.token, `signature:${clever.certId}`)),
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'ACTION_FORBIDDEN_FOR_ROLE' });
    const anonymous = await p.call('POST', `/api/documents/${id}/actions`, {
      body: {
        action: 'sign',
        signerPosition: 'x',
        passkey: leader.auth.get(await actionOptions(leader.token, `signature:${leader.certId}`)),
      },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await get(clerk.token, id)).toMatchObject({ status: 'in_review', signatures: { digital: false } });
  });
});
