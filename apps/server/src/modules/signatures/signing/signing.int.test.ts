import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../../test/harness.js';
import { systemActor } from '../../../platform/http/auth.js';
import { pdfText } from '../../../platform/pdf/testing.js';
import { totp } from '../../identity/index.js';
import { derToPem, OpensslPki, VN } from './formats/testing/openssl-pki.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const XML =
  '<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLHeader><MessageHeader><Subject>Về việc thử ký số</Subject></MessageHeader></edXMLHeader></edXML>';

async function samplePdf() {
  const d = await PDFDocument.create();
  d.addPage([595, 842]).drawText('Quyet dinh', { x: 72, y: 760 });
  return Buffer.from(await d.save({ useObjectStreams: false }));
}

describe.each(DB_KINDS)('signing and validation API (%s)', (kind) => {
  let p: TestPlatform;
  let admin: { id: string; token: string };
  let signer: { id: string; username: string; password: string; token: string; secret: string };
  let certId: string;
  let pki: OpensslPki;

  const upload = (token: string, bytes: Uint8Array, name: string) => p.upload(token, bytes, name);
  const download = async (token: string, id: string) =>
    Buffer.from((await p.call('GET', `/api/files/${id}`, { token })).rawPayload);
  /** A fresh code: the clock moves to the next 30-second step, so the last one is not replayed. */
  const freshOtp = () => {
    p.clock.advance(30_000);
    return totp(signer.secret, p.clock.now());
  };
  const sign = (body: Record<string, unknown>, token = signer.token, headers: Record<string, string> = {}) =>
    p.call('POST', '/api/signatures/sign', { token, body, headers });
  const validateFile = async (fileId: string, detachedContentFileId?: string, token = signer.token) => {
    const r = await p.call('POST', '/api/signatures/validate', { token, body: { fileId, detachedContentFileId } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const issue = async (body: Record<string, unknown>) => {
    const r = await p.call('POST', '/api/pki/certificates', { token: admin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  /** A staff member with an authenticator, logged in at level 2. */
  const staffWithTotp = async (roles: ('specialist' | 'clerk' | 'leader')[], agencyCode = 'H26') => {
    const u = await p.staff({ roles, agencyCode });
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: u.token })).json();
    expect(
      (
        await p.call('POST', '/api/auth/mfa/totp/confirm', {
          token: u.token,
          body: { otp: totp(secret, p.clock.now()) },
        })
      ).statusCode,
    ).toBe(200);
    return { ...u, secret };
  };

  beforeAll(async () => {
    // Certificates carry our OCSP address (PUBLIC_URL/pki/ocsp): pdfsig asks it over real HTTP.
    const port = await freePort();
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await p.app.listen({ port, host: '127.0.0.1' });
    pki = OpensslPki.create();
    admin = await p.staff({ roles: ['admin'] });
    signer = await staffWithTotp(['specialist']);
    certId = await issue({ profile: 'person', userId: signer.id });
  });
  afterAll(async () => {
    pki?.cleanup();
    await p?.close();
  });

  it('PAdES: the holder confirms with a TOTP code; pdfsig trusts the result with the platform root (OCSP over HTTP); validation passes at B-T', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'quyết định.pdf');
    const r = await sign({
      fileId,
      format: 'pades',
      certificateId: certId,
      otp: freshOtp(),
      visible: true,
      reason: 'Phê duyệt',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ mediaType: 'application/pdf', name: 'quyết định.signed.pdf' });
    const signed = await download(signer.token, r.json().id);
    const nss = `${pki.dir}/nss-${kind}`;
    spawnSync('mkdir', ['-p', nss]);
    spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    const rootPem = pki.file(
      `platform-root-${kind}.pem`,
      derToPem(new Uint8Array((await p.call('GET', '/pki/root.crt')).rawPayload)),
    );
    spawnSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'platform-root', '-t', 'CT,C,C', '-i', rootPem]);
    // Asynchronously: pdfsig's OCSP request is answered by this very process.
    const tool = (
      await promisify(execFile)('pdfsig', ['-nssdir', `sql:${nss}`, pki.file(`signed-${kind}.pdf`, signed)], {
        encoding: 'utf8',
      })
    ).stdout;
    expect(tool).toContain('Signature is Valid');
    expect(tool).toContain('Certificate is Trusted');
    const report = await validateFile(r.json().id);
    expect(report).toMatchObject({
      indication: 'TOTAL_PASSED',
      signatures: [
        { format: 'PAdES', level: 'B-T', trustAnchor: { category: 'government' }, timestamp: { valid: true } },
      ],
    });
  });

  it('XAdES and CAdES (.p7s) sign and validate; the detached content is passed as a second file', async () => {
    const xmlId = await upload(signer.token, Buffer.from(XML), 'goi-tin.xml');
    const x = await sign({ fileId: xmlId, format: 'xades', certificateId: certId, otp: freshOtp() });
    expect(x.statusCode, x.body).toBe(201);
    expect((await validateFile(x.json().id)).signatures[0]).toMatchObject({
      format: 'XAdES',
      indication: 'TOTAL_PASSED',
    });
    const pngId = await upload(signer.token, PNG, 'anh.png');
    const c = await sign({ fileId: pngId, format: 'cades', certificateId: certId, otp: freshOtp() });
    expect(c.json()).toMatchObject({ name: 'anh.png.p7s', mediaType: 'application/pkcs7-signature' });
    expect((await validateFile(c.json().id, pngId)).signatures[0]).toMatchObject({
      format: 'CAdES',
      level: 'B-T',
      indication: 'TOTAL_PASSED',
    });
    expect((await validateFile(c.json().id)).subIndication).toBe('SIGNED_DATA_NOT_FOUND');
  });

  it('needs a login (401), a level-2 session (403 STEP_UP_REQUIRED), the code (422), the right code (401), never a replayed one', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'a.pdf');
    const body = { fileId, format: 'pades', certificateId: certId };
    expect((await p.call('POST', '/api/signatures/sign', { body: { ...body, otp: '123456' } })).statusCode).toBe(401);
    expect((await p.call('POST', '/api/signatures/validate', { body: { fileId } })).statusCode).toBe(401);
    expect((await p.call('GET', `/api/signatures/report?fileId=${fileId}`)).statusCode).toBe(401);
    const noCode = await sign(body);
    expect(noCode.statusCode).toBe(422);
    expect(noCode.json().errors[0]).toMatchObject({ path: 'otp', code: 'REQUIRED' });
    const code = freshOtp();
    const wrong = await sign({ ...body, otp: code === '000000' ? '111111' : '000000' });
    expect(wrong.json()).toMatchObject({ code: 'INVALID_OTP' });
    expect((await sign({ ...body, otp: code })).statusCode).toBe(201);
    expect((await sign({ ...body, otp: code })).json()).toMatchObject({ code: 'INVALID_OTP' });
  });

  it('a level-1 session must step up before signing', async () => {
    const u = await p.staff({ roles: ['specialist'] });
    const own = await issue({ profile: 'person', userId: u.id });
    const fileId = await upload(u.token, await samplePdf(), 'b.pdf');
    const r = await sign({ fileId, format: 'pades', certificateId: own, otp: '123456' }, u.token);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('only the holder signs with a person certificate; a seal only by a clerk of its agency (wrong role, wrong agency: 403)', async () => {
    const other = await staffWithTotp(['specialist']);
    const fileId = await upload(other.token, await samplePdf(), 'c.pdf');
    const notMine = await sign(
      { fileId, format: 'pades', certificateId: certId, otp: totp(other.secret, p.clock.now()) },
      other.token,
    );
    expect(notMine.json()).toMatchObject({ status: 403, code: 'CERTIFICATE_NOT_HOLDER' });
    const seal = await issue({ profile: 'seal', agencyCode: 'H26' });
    const asSpecialist = await sign({ fileId, format: 'pades', certificateId: seal, otp: '123456' }, other.token);
    expect(asSpecialist.json()).toMatchObject({ status: 403, code: 'CERTIFICATE_NOT_HOLDER' });
    const clerkElsewhere = await staffWithTotp(['clerk'], 'G22');
    const f2 = await upload(clerkElsewhere.token, await samplePdf(), 'd.pdf');
    expect(
      (await sign({ fileId: f2, format: 'pades', certificateId: seal, otp: '123456' }, clerkElsewhere.token)).json(),
    ).toMatchObject({ status: 403, code: 'CERTIFICATE_NOT_HOLDER' });
    const clerk = await staffWithTotp(['clerk'], 'H26');
    p.clock.advance(30_000);
    const f3 = await upload(clerk.token, await samplePdf(), 'e.pdf');
    const sealed = await sign(
      { fileId: f3, format: 'pades', certificateId: seal, otp: totp(clerk.secret, p.clock.now()), visible: true },
      clerk.token,
    );
    expect(sealed.statusCode, sealed.body).toBe(201);
    const citizen = await p.citizen();
    const f4 = await upload(citizen.token, await samplePdf(), 'f.pdf');
    expect(
      (await sign({ fileId: f4, format: 'pades', certificateId: certId, otp: '123456' }, citizen.token)).statusCode,
    ).toBe(403);
  });

  it("someone else's file is not found (404), for signing and for validation", async () => {
    const other = await p.staff({ roles: ['specialist'] });
    const fileId = await upload(other.token, await samplePdf(), 'g.pdf');
    expect((await sign({ fileId, format: 'pades', certificateId: certId, otp: freshOtp() })).json()).toMatchObject({
      status: 404,
      code: 'FILE_NOT_FOUND',
    });
    expect(
      (await p.call('POST', '/api/signatures/validate', { token: signer.token, body: { fileId } })).statusCode,
    ).toBe(404);
  });

  it('a revoked certificate cannot sign (409 CERTIFICATE_REVOKED), and the code is not spent', async () => {
    const u = await staffWithTotp(['leader']);
    const c = await issue({ profile: 'person', userId: u.id });
    await p.call('POST', `/api/pki/certificates/${c}/revoke`, {
      token: admin.token,
      body: { reason: 'keyCompromise' },
    });
    const fileId = await upload(u.token, await samplePdf(), 'h.pdf');
    p.clock.advance(30_000);
    const r = await sign({ fileId, format: 'pades', certificateId: c, otp: totp(u.secret, p.clock.now()) }, u.token);
    expect(r.json()).toMatchObject({ status: 409, code: 'CERTIFICATE_REVOKED' });
  });

  it('PAdES on a file that is not a PDF is a 422 naming the field', async () => {
    const fileId = await upload(signer.token, PNG, 'not-a-pdf.png');
    const r = await sign({ fileId, format: 'pades', certificateId: certId, otp: freshOtp() });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0]).toMatchObject({ path: 'fileId', code: 'NOT_A_PDF' });
    const both = await sign({ fileId, format: 'pades' });
    expect(both.json().errors[0]).toMatchObject({ path: 'certificateId', code: 'CERTIFICATE_OR_PKCS12' });
  });

  it('a double click (same Idempotency-Key) stores one signed file and spends one code', async () => {
    const fileId = await upload(signer.token, await samplePdf(), 'i.pdf');
    const body = { fileId, format: 'pades', certificateId: certId, otp: freshOtp() };
    const first = await sign(body, signer.token, { 'idempotency-key': `sign-${kind}-double-click` });
    const second = await sign(body, signer.token, { 'idempotency-key': `sign-${kind}-double-click` });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
  });

  it('garbage validates to a report with no signature; a tampered PDF is TOTAL_FAILED; the report reads in Vietnamese as HTML and PDF', async () => {
    const png = await upload(signer.token, PNG, 'x.png');
    expect(await validateFile(png)).toMatchObject({
      signatures: [],
      indication: 'INDETERMINATE',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
    });
    const fileId = await upload(signer.token, await samplePdf(), 'j.pdf');
    const signed = await download(
      signer.token,
      (await sign({ fileId, format: 'pades', certificateId: certId, otp: freshOtp() })).json().id,
    );
    const at = signed.indexOf('/MediaBox') + 11;
    signed[at] = signed[at] === 0x35 ? 0x36 : 0x35;
    const tampered = await upload(signer.token, signed, 'j-tampered.pdf');
    expect(await validateFile(tampered)).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    const html = await p.call('GET', `/api/signatures/report?fileId=${tampered}&format=html`, { token: signer.token });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Không hợp lệ');
    expect(html.body).toContain('Nội dung đã bị thay đổi sau khi ký');
    const pdf = await p.call('GET', `/api/signatures/report?fileId=${tampered}&format=pdf`, { token: signer.token });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(pdf.rawPayload)).toContain('BÁO CÁO KIỂM TRA CHỮ KÝ SỐ');
  });

  it('a public-CA user signs with an uploaded PKCS#12 once imported roots are trusted; untrusted, wrong password refused', async () => {
    const user = pki.issue(`p12-${kind}`, VN.person, { kind: 'rsa2048' });
    const citizen = await p.citizen();
    const fileId = await upload(citizen.token, await samplePdf(), 'k.pdf');
    const pkcs12 = { data: Buffer.from(pki.pkcs12(user, 'mật khẩu')).toString('base64'), password: 'mật khẩu' };
    expect((await sign({ fileId, format: 'pades', pkcs12 }, citizen.token)).json()).toMatchObject({
      status: 409,
      code: 'CERTIFICATE_NOT_TRUSTED',
    });
    const imported = await p.call('POST', '/api/pki/trust-anchors', {
      token: admin.token,
      body: { certificate: derToPem(pki.root.der), category: 'public' },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const wrong = await sign({ fileId, format: 'pades', pkcs12: { ...pkcs12, password: 'sai' } }, citizen.token);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'pkcs12', code: 'PKCS12_BAD_PASSWORD' });
    const r = await sign({ fileId, format: 'pades', pkcs12 }, citizen.token);
    expect(r.statusCode, r.body).toBe(201);
    const report = await validateFile(r.json().id, undefined, citizen.token);
    // This OpenSSL test CA publishes no CRL or OCSP: the signature is intact and chains to the
    // public anchor, and the revocation status is honestly unknown.
    expect(report.signatures[0]).toMatchObject({
      intact: true,
      trustAnchor: { category: 'public' },
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
  });

  it('facade: an agency seal on a PDF and on edXML, validated by validateBytes', async () => {
    await issue({ profile: 'seal', agencyCode: 'H26' });
    const sealed = await p.signing.sealPdf('H26', await samplePdf(), { visible: true, reason: 'Sao y bản chính' });
    expect((await p.signing.validateBytes(sealed)).indication).toBe('TOTAL_PASSED');
    const xml = await p.signing.sealXml('H26', XML, { parent: 'edXMLHeader', actor: systemActor });
    expect((await p.signing.validateBytes(Buffer.from(xml))).signatures[0]).toMatchObject({
      format: 'XAdES',
      indication: 'TOTAL_PASSED',
    });
    await expect(p.signing.sealPdf('H26', PNG)).rejects.toMatchObject({ status: 422 });
    await expect(p.signing.sealPdf('X99', await samplePdf())).rejects.toMatchObject({
      status: 409,
      code: 'SEAL_CERTIFICATE_MISSING',
    });
  });
});
