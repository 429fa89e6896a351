import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, staffWithPasskey, type TestPlatform } from '../../../test/harness.js';

const ORIGIN = 'http://localhost:3000';
type PasskeyStaff = Awaited<ReturnType<typeof staffWithPasskey>>;

/**
 * A member answers a written opinion round confirming his signature with a passkey (issue 15: "TOTP or
 * passkey"): the identity module's action step-up (`passkey-actions.ts`), an assertion made for
 * `signature:<certificateId>`, as the documents module's signing uses it. He has no authenticator app.
 */
describe.each(DB_KINDS)('a written opinion answered with a passkey on %s', (kind) => {
  let p: TestPlatform;
  let member: PasskeyStaff;
  let other: PasskeyStaff;
  let certId = '';
  let otherCertId = '';
  let requestId = '';
  const dir = mkdtempSync(join(tmpdir(), 'opinion-passkey-'));

  const options = async (token: string, action: string) => {
    const r = await p.call('POST', '/api/auth/mfa/passkey/action-options', { token, body: { action } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const answer = (token: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/opinion-requests/${requestId}/answers`, { token, body });

  beforeAll(async () => {
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: ORIGIN } });
    const admin = await p.staff({ roles: ['admin'] });
    const secretary = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    member = await staffWithPasskey(p, { roles: ['leader'], agencyCode: 'H26', origin: ORIGIN });
    other = await staffWithPasskey(p, { roles: ['leader'], agencyCode: 'H26', origin: ORIGIN });
    const issue = async (userId: string) => {
      const r = await p.call('POST', '/api/pki/certificates', {
        token: admin.token,
        body: { profile: 'person', userId },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    certId = await issue(member.id);
    otherCertId = await issue(other.id);
    const r = await p.call('POST', '/api/opinion-requests', {
      token: secretary.token,
      headers: { 'idempotency-key': `opinion-passkey-${kind}` },
      body: {
        question: 'Thông qua Kế hoạch chuyển đổi số năm 2027',
        deadline: new Date(p.clock.now().getTime() + 48 * 3_600_000).toISOString(),
        memberIds: [member.id, other.id],
        agencyCode: 'H26',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    requestId = r.json().id;
  });
  afterAll(async () => p?.close());

  it('refused (422 on passkey) for an assertion made for another signature, or from another person’s key', async () => {
    const forOther = await answer(member.token, {
      answer: 'agree',
      certificateId: certId,
      passkey: member.auth.get(await options(member.token, `signature:${otherCertId}`)),
    });
    expect(forOther.statusCode).toBe(422);
    expect(forOther.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
    const theirs = await answer(member.token, {
      answer: 'agree',
      certificateId: certId,
      passkey: other.auth.get(await options(member.token, `signature:${certId}`)),
    });
    expect(theirs.statusCode).toBe(422);
    expect(theirs.json().errors[0]).toMatchObject({ path: 'passkey', code: 'PASSKEY_UNKNOWN' });
    // His own key for his own certificate, but someone else's certificate in the answer: not his to sign with.
    const notHis = await answer(member.token, {
      answer: 'agree',
      certificateId: otherCertId,
      passkey: member.auth.get(await options(member.token, `signature:${otherCertId}`)),
    });
    expect(notHis.statusCode).toBe(403);
    expect(notHis.json().code).toBe('CERTIFICATE_NOT_HOLDER');
    const tally = (await p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token: member.token })).json();
    expect(tally.answered).toBe(0);
  });

  it('signed with his certificate after his passkey: openssl cms -verify accepts the answer sheet', async () => {
    const r = await answer(member.token, {
      answer: 'other',
      text: 'Đề nghị bổ sung lộ trình đào tạo cán bộ.',
      certificateId: certId,
      passkey: member.auth.get(await options(member.token, `signature:${certId}`)),
    });
    expect(r.statusCode, r.body).toBe(201);
    const file = async (part: string) =>
      (await p.call('GET', `/api/opinion-requests/${requestId}/answers/${member.id}/${part}`, { token: member.token }))
        .rawPayload;
    const sheet = join(dir, `sheet-${kind}.txt`);
    const p7s = join(dir, `sheet-${kind}.p7s`);
    const root = join(dir, `root-${kind}.der`);
    writeFileSync(sheet, await file('content'));
    writeFileSync(p7s, await file('signature'));
    writeFileSync(root, (await p.call('GET', '/pki/root.crt')).rawPayload);
    spawnSync('openssl', ['x509', '-inform', 'DER', '-in', root, '-out', `${root}.pem`]);
    const v = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        p7s,
        '-content',
        sheet,
        '-CAfile',
        `${root}.pem`,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(v.status, v.stderr).toBe(0);
    expect(v.stderr).toContain('Verification successful');
    const tally = (await p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token: member.token })).json();
    expect(tally.answers.find((a: { userId: string }) => a.userId === member.id)).toMatchObject({
      answer: 'other',
      text: 'Đề nghị bổ sung lộ trình đào tạo cán bộ.',
    });
  });
});
