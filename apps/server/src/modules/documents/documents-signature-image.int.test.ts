import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { makePng, signaturePng } from '../../../test/png.js';
import { type Signer, signingStaff } from './documents.test-support.js';

/** The images drawn by the widgets' appearances of a PDF: width × height of each. */
async function widgetImages(pdf: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: { width: number; height: number }[] = [];
  const deref = <T>(o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o) as T;
  for (const page of doc.getPages()) {
    for (const a of page.node.Annots()?.asArray() ?? []) {
      const annot = deref<PDFDict>(a);
      const n = deref<PDFStream | undefined>(
        deref<PDFDict | undefined>(annot.get(PDFName.of('AP')))?.get(PDFName.of('N')),
      );
      const xobjects = deref<PDFDict | undefined>(
        deref<PDFDict | undefined>(n?.dict.get(PDFName.of('Resources')))?.get(PDFName.of('XObject')),
      );
      for (const [, ref] of xobjects?.entries() ?? []) {
        const x = deref<PDFRawStream>(ref);
        if (x.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
        out.push({
          width: (x.dict.get(PDFName.of('Width')) as PDFNumber).asNumber(),
          height: (x.dict.get(PDFName.of('Height')) as PDFNumber).asNumber(),
        });
      }
    }
  }
  return out;
}

/** Decree 30/2020 Phụ lục I: the leader's own signature image (PNG, transparent, blue) in his signer's block. */
describe.each(DB_KINDS)('the signer’s signature image on %s', (kind) => {
  let p: TestPlatform;
  let leader: Signer;
  // Signed PDFs kept for a person to look at (SIG_IMAGE_DIR), else in a temporary folder.
  const dir = process.env.SIG_IMAGE_DIR ?? mkdtempSync(join(tmpdir(), 'sig-image-'));
  const put = (token: string | undefined, body: Buffer, type = 'image/png') =>
    p.call('PUT', '/api/me/signature-image', {
      ...(token ? { token } : {}),
      body,
      headers: { 'content-type': type },
    });

  /** Draft from the template → submit → the leader signs with a code; the signed PDF. */
  async function signedDecision(subject: string) {
    const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    const r = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: {
        type: 'QD',
        subject,
        recipients: ['H26.S01'],
        template: {
          body: ['Điều 1. Thử chữ ký mẫu.'],
          copiesTo: ['- Lưu: VT.'],
          signerPosition: 'CHỦ TỊCH',
          signerName: 'Nguyễn Văn Lãnh Đạo',
        },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect(
      (await p.call('POST', `/api/documents/${id}/actions`, { token: specialist.token, body: { action: 'submit' } }))
        .statusCode,
    ).toBe(200);
    const signed = await p.call('POST', `/api/documents/${id}/actions`, {
      token: leader.token,
      body: { action: 'sign', signerPosition: 'Chủ tịch', otp: leader.otp() },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const file = await p.call('GET', `/api/documents/${id}/files/${signed.json().fileId}`, { token: leader.token });
    return new Uint8Array(file.rawPayload);
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    leader = await signingStaff(p, 'H26');
  });
  afterAll(async () => p?.close());

  it('refuses what is not a transparent PNG of a sensible size, naming the field; only civil servants set one', async () => {
    expect((await put(undefined, signaturePng())).statusCode).toBe(401);
    const citizen = await p.citizen();
    const forbidden = await put(citizen.token, signaturePng());
    expect([forbidden.statusCode, forbidden.json().code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'SIGNATURE_IMAGE_NOT_PNG'],
      // A PNG whose chunks are right but whose pixel data is cut off.
      [signaturePng().subarray(0, 60), 'SIGNATURE_IMAGE_NOT_PNG'],
      // White background, no alpha: it would print a white box over the seal.
      [makePng(300, 120, () => [255, 255, 255, 255], { alpha: false }), 'SIGNATURE_IMAGE_NOT_TRANSPARENT'],
      [signaturePng(40, 20), 'SIGNATURE_IMAGE_SIZE'],
      [Buffer.concat([signaturePng(), Buffer.alloc(300 * 1024)]), 'SIGNATURE_IMAGE_TOO_LARGE'],
    ];
    for (const [bytes, code] of cases) {
      const r = await put(leader.token, bytes);
      expect(r.statusCode, `${code}: ${r.body}`).toBe(422);
      expect(r.json().errors[0]).toMatchObject({ path: 'image', code });
    }
    const json = await put(leader.token, Buffer.from('{}'), 'application/json');
    expect(json.statusCode).toBe(415);
    const none = await p.call('GET', '/api/me/signature-image', { token: leader.token });
    expect([none.statusCode, none.json().code]).toEqual([404, 'SIGNATURE_IMAGE_NOT_SET']);
  });

  it('the leader’s image is drawn in his signer’s block; the signature stays valid; removed, his name returns', async () => {
    // Before: his name over a flourish, no image in any widget.
    expect(await widgetImages(await signedDecision('Trước khi có chữ ký mẫu'))).toEqual([]);

    const png = signaturePng(300, 120);
    const set = await put(leader.token, png);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ width: 300, height: 120 });
    // The same bytes back, only to him, never cached by a shared cache.
    const got = await p.call('GET', '/api/me/signature-image', { token: leader.token });
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.from(got.rawPayload).equals(png)).toBe(true);
    const other = await signingStaff(p, 'H26');
    expect((await p.call('GET', '/api/me/signature-image', { token: other.token })).statusCode).toBe(404);

    const pdf = await signedDecision('Sau khi có chữ ký mẫu');
    expect(await widgetImages(pdf)).toEqual([{ width: 300, height: 120 }]);
    const path = join(dir, `signed-${kind}.pdf`);
    writeFileSync(path, pdf);
    const sig = await promisify(execFile)('pdfsig', [path], { encoding: 'utf8' }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    const blocks = sig.stdout.split(/^Signature #\d+:/m).slice(1);
    expect(blocks.length, sig.stdout + sig.stderr).toBeGreaterThan(0);
    expect(
      blocks.every((b) => b.includes('Signature is Valid')),
      sig.stdout,
    ).toBe(true);

    // Audited with its hash, not its bytes.
    const audit = await p.call('GET', '/api/audit/events?action=signature.image.set&pageSize=5', {
      token: (await p.staff({ roles: ['admin'] })).token,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items[0]?.after).toMatchObject({ sha256: set.json().sha256, width: 300 });

    expect((await p.call('DELETE', '/api/me/signature-image', { token: leader.token })).statusCode).toBe(204);
    expect((await p.call('DELETE', '/api/me/signature-image', { token: leader.token })).statusCode).toBe(404);
    expect(await widgetImages(await signedDecision('Sau khi bỏ chữ ký mẫu'))).toEqual([]);
  });
});
