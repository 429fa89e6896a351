import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPagesText, pdfText } from '../../../../../platform/pdf/testing.js';
import { SignatureFormatError } from '../errors.js';
import { type IssuedCert, OpensslPki, VN } from '../testing/openssl-pki.js';
import { validate } from '../validate.js';
import { signPades } from './pades-sign.js';
import { appendUpdate, loadForUpdate } from './pdf-incremental.js';

let pki: OpensslPki;
let ec: IssuedCert;
let rsa: IssuedCert;
let nss: string;
let tsa: ReturnType<OpensslPki['tsa']>;

async function samplePdf(objectStreams = false): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  const font = await d.embedFont(StandardFonts.Helvetica);
  d.addPage([595, 842]).drawText('Quyet dinh 15/QD-UBND', { x: 72, y: 760, size: 14, font });
  d.addPage([595, 842]).drawText('Trang 2', { x: 72, y: 760, size: 14, font });
  return d.save({ useObjectStreams: objectStreams });
}

/** pdfsig's verdict on every signature, with our root trusted in its NSS database. */
function pdfsig(pdf: Uint8Array): { out: string; valid: number; trusted: number; total: number } {
  const f = pki.file(`p${Math.random().toString(36).slice(2)}.pdf`, pdf);
  // Our test certificates carry no OCSP address, so pdfsig checks no revocation (with -no-ocsp
  // poppler 22.12 reports "Unknown issue with Certificate" instead of the trust result).
  const r = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, f], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  const count = (re: RegExp) => (out.match(re) ?? []).length;
  return {
    out,
    valid: count(/Signature is Valid/g),
    trusted: count(/Certificate is Trusted/g),
    total: count(/^Signature #\d+:/gm),
  };
}

beforeAll(() => {
  pki = OpensslPki.create();
  ec = pki.issue('ec', VN.person, { kind: 'ec256' });
  rsa = pki.issue('rsa', VN.seal, { kind: 'rsa3072', ext: 'v3_seal' });
  nss = pki.nssDb();
  tsa = pki.tsa();
});
afterAll(() => pki.cleanup());

describe('PAdES signing, proven by pdfsig (poppler, NSS)', () => {
  it.each([
    ['ECDSA P-256, B-T, visible', () => ec, true],
    ['RSA 3072, B-B, invisible', () => rsa, false],
  ])('%s: pdfsig says valid and trusted, and so do we', async (_, who, bt) => {
    const signed = await signPades(await samplePdf(), who().key, {
      tsa: bt ? tsa : undefined,
      visible: bt,
      reason: 'Phê duyệt',
      location: 'Hà Nội',
    });
    const tool = pdfsig(signed);
    expect(tool.out).toContain('ETSI.CAdES.detached');
    expect(tool.out).toContain('Total document signed');
    expect(tool).toMatchObject({ total: 1, valid: 1, trusted: 1 });
    const report = await validate(signed, pki.trust());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]).toMatchObject({
      format: 'PAdES',
      level: bt ? 'B-T' : 'B-B',
      coversWholeDocument: true,
      modifiedAfterSigning: false,
    });
  });

  it('the visible block reads, in Vietnamese, who signed, as what, for whom and when (ISO 8601, Vietnam time)', async () => {
    const at = new Date('2026-03-02T03:15:30Z');
    const signed = await signPades(await samplePdf(), ec.key, { visible: { page: 0 }, signingTime: at });
    const text = pdfText(signed);
    expect(text).toContain('Ký bởi: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Chức vụ: Chuyên viên');
    expect(text).toContain('Cơ quan: Ủy ban nhân dân thành phố Hà Nội');
    expect(text).toContain('Thời gian ký: 02.03.2026 10:15:30 +07:00');
  });

  it('an agency seal block at the top right of page 1 shows the lines it is given (Decree 30, attachments)', async () => {
    const signed = await signPades(await samplePdf(), rsa.key, {
      visible: { page: 0, anchor: 'top-right', lines: ['Số: 15/QĐ-UBND', 'Thời gian ký: 02.03.2026 10:15:30 +07:00'] },
    });
    expect(pdfsig(signed)).toMatchObject({ total: 1, valid: 1 });
    const first = pdfPagesText(signed, 'layout')[0]!
      .split('\n')
      .filter((l) => l.trim());
    // Top right: among the first lines of page 1, to the right of the page's own text.
    expect(first.slice(0, 3).join('\n')).toMatch(/\s{10,}Số: 15\/QĐ-UBND/);
  });

  it('a second signer (incremental update) keeps the first signature valid, in pdfsig and in ours', async () => {
    const once = await signPades(await samplePdf(), ec.key, { visible: true, tsa });
    const twice = await signPades(once, rsa.key, { visible: true });
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    const tool = pdfsig(twice);
    expect(tool).toMatchObject({ total: 2, valid: 2, trusted: 2 });
    expect(tool.out).toContain('Not total document signed');
    const report = await validate(twice, pki.trust());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures.map((s) => [s.signer?.commonName, s.coversWholeDocument, s.modifiedAfterSigning])).toEqual(
      [
        ['Nguyễn Thị Hồng Nhung', false, false],
        ['Ủy ban nhân dân thành phố Hà Nội', true, false],
      ],
    );
  });

  it('a PDF saved with object streams and a cross-reference stream is signed with an xref-stream update', async () => {
    const signed = await signPades(await samplePdf(true), ec.key, { visible: true });
    expect(pdfsig(signed)).toMatchObject({ total: 1, valid: 1, trusted: 1 });
    expect(Buffer.from(signed).toString('latin1')).toMatch(/\/Type \/XRef [^>]*\/Prev \d+/);
    expect((await validate(signed, pki.trust())).indication).toBe('TOTAL_PASSED');
  });

  it('a byte changed inside the signed range fails in pdfsig and in ours (HASH_FAILURE)', async () => {
    const signed = Buffer.from(await signPades(await samplePdf(), ec.key));
    const at = signed.indexOf('Trang 2') >= 0 ? signed.indexOf('/MediaBox') : 200;
    signed[at + 11] = signed[at + 11] === 0x35 ? 0x36 : 0x35;
    const tool = pdfsig(signed);
    expect(tool.valid).toBe(0);
    expect(tool.out).toMatch(/Digest Mismatch|Signature is Invalid/);
    expect(await validate(signed, pki.trust())).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    });
  });

  it('page content changed in a later update: not covered, and reported as modified after signing', async () => {
    const signed = await signPades(await samplePdf(), ec.key);
    const doc = await loadForUpdate(signed);
    const page = doc.getPages()[0];
    const extra = doc.context.register(doc.context.flateStream('BT /F1 40 Tf 72 600 Td (SUA DOI) Tj ET'));
    const contents = page!.node.get(PDFName.of('Contents'));
    page!.node.set(PDFName.of('Contents'), doc.context.obj([contents!, extra]));
    const tampered = appendUpdate(signed, doc, [page!.ref, extra]).bytes;
    const tool = pdfsig(tampered);
    expect(tool.out).toContain('Not total document signed');
    const report = await validate(tampered, pki.trust());
    expect(report.signatures[0]).toMatchObject({
      intact: true,
      coversWholeDocument: false,
      modifiedAfterSigning: true,
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
    });
  });

  it('a file that is not a PDF is a typed error', async () => {
    await expect(signPades(Buffer.from('<html>không phải PDF</html>'), ec.key)).rejects.toMatchObject({
      code: 'NOT_A_PDF',
    });
    await expect(signPades(Buffer.from('%PDF-1.7\ngarbage'), ec.key)).rejects.toBeInstanceOf(SignatureFormatError);
  });

  it('a PDF without a page is a typed error, not a crash', async () => {
    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
    for (const visible of [false, true]) {
      await expect(signPades(empty, ec.key, { visible })).rejects.toMatchObject({ code: 'PDF_UNREADABLE' });
    }
  });
});

describe('PAdES validation of a PDF signed by another tool', () => {
  it('pdfsig -add-signature with an OpenSSL-made key and certificate validates in ours; tampering fails in both', async () => {
    const p12 = pki.file('signer.p12', pki.pkcs12(rsa, 'matkhau'));
    const imported = spawnSync('pk12util', ['-i', p12, '-d', `sql:${nss}`, '-W', 'matkhau'], { encoding: 'utf8' });
    expect(imported.status).toBe(0);
    const input = pki.file('unsigned.pdf', await samplePdf());
    const output = pki.file('poppler-signed.pdf', '');
    const r = spawnSync(
      'pdfsig',
      ['-add-signature', '-nssdir', `sql:${nss}`, '-nick', rsa.name, '-reason', 'Đồng ý', input, output],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const signed = readFileSync(output);
    const report = await validate(signed, pki.trust());
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      indication: 'TOTAL_PASSED',
      intact: true,
      signer: { commonName: 'Ủy ban nhân dân thành phố Hà Nội' },
    });
    expect(report.signatures[0]!.claimedSigningTime).not.toBeNull();
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/MediaBox');
    tampered[at + 11] = tampered[at + 11] === 0x35 ? 0x36 : 0x35;
    expect(pdfsig(tampered).valid).toBe(0);
    expect((await validate(tampered, pki.trust())).subIndication).toBe('HASH_FAILURE');
  });

  it('an unsigned PDF has no signatures', async () => {
    expect(await validate(await samplePdf(), pki.trust())).toMatchObject({
      mediaType: 'application/pdf',
      signatures: [],
      subIndication: 'SIGNED_DATA_NOT_FOUND',
    });
  });
});
