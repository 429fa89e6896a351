import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../platform/pdf/testing.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { reportSigner, SIGNED_REPORT_TEMPLATE } from './reporting.test-support.js';

/**
 * A civil servant with an authenticator (session at level 2) and a server-held person certificate
 * (`withCertificate`); `otp()` gives a code of a step not yet spent, moving the test clock when needed.
 */
const signer = reportSigner;

const derToPem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

const opensslVerify = (p7s: string, content: string, ca: string) =>
  spawnSync(
    'openssl',
    ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', content, '-CAfile', ca].concat([
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]),
    { encoding: 'utf8' },
  );

const template = SIGNED_REPORT_TEMPLATE;

/** Issue 16: the leader signs the report (person certificate, acr 2) before it is sent; its PDF. */
describe.each(DB_KINDS)('signed reports on %s', (kind) => {
  let p: TestPlatform;
  type Signer = Awaited<ReturnType<typeof signer>>;
  let leader: Signer;
  let spec: Signer;
  let otherLeader: Signer;
  let provinceLeader: Signer;
  let noCert: Signer;
  let id = '';
  const dir = mkdtempSync(join(tmpdir(), 'report-sign-'));
  let ca = '';

  const get = (token: string) => p.call('GET', `/api/report-obligations/${id}`, { token });
  const sign = (u: Signer, body: Record<string, unknown>) =>
    p.call('POST', `/api/report-obligations/${id}/signature`, { token: u.token, body });
  const submit = (u: Signer, key?: string) =>
    p.call('POST', `/api/report-obligations/${id}/actions`, {
      token: u.token,
      body: { action: 'submit' },
      headers: key ? { 'idempotency-key': key } : undefined,
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    p.clock.set(new Date('2026-12-07T03:00:00Z'));
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    const r = await p.call('POST', '/api/report-regimes', {
      token: admin.token,
      body: {
        code: 'BC-KY',
        name: 'Báo cáo tình hình giải quyết thủ tục hành chính',
        legalBasis: 'Nghị định 09/2019/NĐ-CP',
        periodicity: 'month',
        deadlineDays: 2,
        reportingRoot: 'H26',
        reportingLevels: ['province', 'commune'],
        receivingAgency: 'G22',
        template,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    // Not said: a new regime asks for the signature.
    expect(r.json().signatureRequired).toBe(true);
    await p.call('POST', '/api/report-regimes/BC-KY/periods', { token: admin.token, body: { period: '2026-M12' } });
    leader = await signer(p, ['leader'], 'H26.X001');
    spec = await signer(p, ['specialist'], 'H26.X001');
    otherLeader = await signer(p, ['leader'], 'H26.X002');
    provinceLeader = await signer(p, ['leader'], 'H41');
    noCert = await signer(p, ['leader'], 'H26.X001', false);
    const list = await p.call('GET', '/api/report-obligations?regime=BC-KY&agency=H26.X001', { token: spec.token });
    id = list.json().items[0].id;
    ca = join(dir, `root-${kind}.pem`);
    writeFileSync(ca, derToPem(new Uint8Array((await p.call('GET', '/pki/root.crt')).rawPayload)));
  }, 120_000);
  afterAll(() => p?.close());

  it('refuses to sign an incomplete report, and to send an unsigned one', async () => {
    const incomplete = await sign(leader, { certificateId: leader.certificateId, otp: leader.otp(), version: 1 });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors[0].path).toBe('values.C01');
    const saved = await p.call('PUT', `/api/report-obligations/${id}`, {
      token: spec.token,
      body: { values: { C01: 120, C02: 90 }, texts: { S1: 'Đã hoàn thành đúng tiến độ; người dân hài lòng.' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const unsigned = await submit(leader);
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.headers['content-type']).toContain('application/problem+json');
    expect(unsigned.json().code).toBe('SIGNATURE_REQUIRED');
  });

  it('refuses the wrong role, another agency’s leader, no login, a wrong or missing code, no certificate', async () => {
    const version = (await get(spec.token)).json().version;
    expect(
      (await p.call('POST', `/api/report-obligations/${id}/signature`, { body: { certificateId: 'x', version } }))
        .statusCode,
    ).toBe(401);
    const role = await sign(spec, { certificateId: spec.certificateId, otp: spec.otp(), version });
    expect(role.statusCode).toBe(403);
    expect(role.json().code).toBe('FORBIDDEN_ROLE');
    // A sibling commune's leader does not see the report; a leader of another province neither.
    for (const u of [otherLeader, provinceLeader]) {
      const r = await sign(u, { certificateId: u.certificateId, otp: u.otp(), version });
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    // The province's leader sees the commune's report but does not sign for the commune.
    const h26 = await signer(p, ['leader'], 'H26');
    const above = await sign(h26, { certificateId: h26.certificateId, otp: h26.otp(), version });
    expect(above.statusCode).toBe(403);
    expect(above.json().code).toBe('NOT_YOUR_REPORT');
    const noOtp = await sign(leader, { certificateId: leader.certificateId, version });
    expect(noOtp.statusCode).toBe(422);
    expect(noOtp.json().errors[0].path).toBe('otp');
    const wrong = await sign(leader, { certificateId: leader.certificateId, otp: '000000', version });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_OTP');
    // Someone else's certificate, and a leader who holds none.
    const notMine = await sign(noCert, { certificateId: leader.certificateId, otp: noCert.otp(), version });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe('CERTIFICATE_NOT_HOLDER');
    const none = await sign(noCert, { certificateId: noCert.certificateId, otp: noCert.otp(), version });
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json()).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND', params: { id: noCert.certificateId } });
    expect((await get(spec.token)).json().signature).toBeNull();
  });

  it('the leader signs: openssl cms -verify accepts the signed report, and refuses it once a byte changes', async () => {
    const version = (await get(spec.token)).json().version;
    const stale = await sign(leader, { certificateId: leader.certificateId, otp: leader.otp(), version: version - 1 });
    expect(stale.statusCode).toBe(409);
    const r = await sign(leader, { certificateId: leader.certificateId, otp: leader.otp(), version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().signature).toMatchObject({ signedByName: leader.fullName, certificateId: leader.certificateId });
    const part = (x: string) => p.call('GET', `/api/report-obligations/${id}/signature/${x}`, { token: spec.token });
    const content = (await part('content')).rawPayload;
    const p7s = (await part('signature')).rawPayload;
    const signed = JSON.parse(content.toString('utf8'));
    expect(signed).toMatchObject({
      type: 'vn.egov.report/1',
      agency: { code: 'H26.X001' },
      receiver: { code: 'H26' },
      signer: { name: leader.fullName },
      sections: [{ code: 'S1', text: 'Đã hoàn thành đúng tiến độ; người dân hài lòng.' }],
    });
    expect(signed.indicators.map((x: { value: number }) => x.value)).toEqual([120, 90, 75]);
    const cf = join(dir, `report-${kind}.json`);
    const sf = join(dir, `report-${kind}.p7s`);
    writeFileSync(cf, content);
    writeFileSync(sf, p7s);
    const ok = opensslVerify(sf, cf, ca);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Verification successful');
    writeFileSync(cf, content.toString('utf8').replace('"value": 120', '"value": 121'));
    expect(opensslVerify(sf, cf, ca).status).not.toBe(0);
  });

  it('a change after the signature clears it: the report must be signed again before it is sent', async () => {
    const d = (await get(spec.token)).json();
    const saved = await p.call('PUT', `/api/report-obligations/${id}`, {
      token: spec.token,
      body: { values: { C02: 95 }, version: d.version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().signature).toBeNull();
    expect((await submit(leader)).json().code).toBe('SIGNATURE_REQUIRED');
    const again = await sign(leader, {
      certificateId: leader.certificateId,
      otp: leader.otp(),
      version: saved.json().version,
    });
    expect(again.statusCode, again.body).toBe(200);
    const events = (await get(spec.token)).json().events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['saved', 'signed', 'saved-signature-cleared', 'signed']);
  });

  it('sends the signed report once: a retried submit answers the first answer, a second one is a 409', async () => {
    const first = await submit(spec, `sub-${kind}`);
    expect(first.statusCode).toBe(403);
    const a = await submit(leader, `sub-${kind}`);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'submitted', signature: { signedByName: leader.fullName } });
    const b = await submit(leader, `sub-${kind}`);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    const c = await submit(leader);
    expect(c.statusCode).toBe(409);
    const events = (await get(spec.token)).json().events.filter((e: { action: string }) => e.action === 'submitted');
    expect(events).toHaveLength(1);
    // The receiver sees who signed and when.
    const h26 = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    expect((await get(h26.token)).json().signature.signedByName).toBe(leader.fullName);
  });

  it('a returned report comes back unsigned: it is signed again before it is sent again', async () => {
    const h26 = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const back = await p.call('POST', `/api/report-obligations/${id}/actions`, {
      token: h26.token,
      body: { action: 'return', comment: 'Bổ sung đánh giá nguyên nhân' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned', signature: null });
    expect((await submit(leader, `resub-${kind}`)).json().code).toBe('SIGNATURE_REQUIRED');
    const again = await sign(leader, {
      certificateId: leader.certificateId,
      otp: leader.otp(),
      version: back.json().version,
    });
    expect(again.statusCode, again.body).toBe(200);
    const sent = await submit(leader, `resub2-${kind}`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'submitted', signature: { signedByName: leader.fullName } });
  });

  it('the PDF in the template’s layout: agency, period, indicators, texts and the signer, read back by pdftotext', async () => {
    expect((await p.call('GET', `/api/report-obligations/${id}/pdf`)).statusCode).toBe(401);
    expect((await p.call('GET', `/api/report-obligations/${id}/pdf`, { token: otherLeader.token })).statusCode).toBe(
      404,
    );
    const r = await p.call('GET', `/api/report-obligations/${id}/pdf`, { token: spec.token });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const text = pdfText(new Uint8Array(r.rawPayload));
    for (const s of [
      'BÁO CÁO',
      'Báo cáo tình hình giải quyết thủ tục hành chính',
      'Số hồ sơ tiếp nhận',
      'Số hồ sơ trực tuyến',
      'Tỷ lệ trực tuyến',
      '120',
      '95',
      '79,17',
      'Đánh giá chung',
      'Đã hoàn thành đúng tiến độ; người dân hài lòng.',
      `Đã ký số bởi ${leader.fullName}`,
      'Kính gửi:',
      'Kỳ báo cáo: Tháng 12/2026 (từ ngày 15 tháng 11 năm 2026 đến ngày 14 tháng 12 năm 2026)',
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/tháng 12 năm 2026/);
  });
});
