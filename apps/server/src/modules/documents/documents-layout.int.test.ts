import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { formatVnDate, formatVnSigningTime, PdfBuilder } from '../../platform/pdf/index.js';
import { pdfContentWords, pdfText, pdfToPng, pdfWidgets, type WordBox } from '../../platform/pdf/testing.js';
import { makePdf, type Signer, signingStaff, upload } from './documents.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
type Rect = { page: number; x: number; y: number; width: number; height: number };

const overlap = (a: Rect, b: Rect) =>
  a.page === b.page && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every stamp (widget) against every printed word: the pairs that touch. */
async function covered(pdf: Uint8Array): Promise<string[]> {
  const [words, widgets] = await Promise.all([pdfContentWords(pdf), pdfWidgets(pdf)]);
  expect(words.length).toBeGreaterThan(20);
  return widgets.flatMap((w) =>
    words
      .filter((t) => overlap(w, t))
      .map((t) => `"${t.text}" under the stamp at ${Math.round(w.x)},${Math.round(w.y)}`),
  );
}

/** Decree 30/2020 Phụ lục I documents: the number, the date, the signature and the seal at their places, over no text. */
describe.each(DB_KINDS)('document layout and stamps on %s', (kind) => {
  let p: TestPlatform;
  let specialist: Staff;
  let leader: Signer;
  let clerk: Staff;
  // Pages rendered for a person to look at (not compared): the test prints where they are.
  const shots = process.env.LAYOUT_PNG_DIR ?? mkdtempSync(join(tmpdir(), 'doc-layout-'));

  const act = (token: string, id: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/documents/${id}/actions`, { token, body });
  const file = async (id: string, fileId: string) =>
    new Uint8Array((await p.call('GET', `/api/documents/${id}/files/${fileId}`, { token: clerk.token })).rawPayload);

  /** Draft → submit → sign (TOTP) → issue; the issued document and the PDFs of each step. */
  async function walk(body: Record<string, unknown>) {
    const r = await p.call('POST', '/api/documents', { token: specialist.token, body });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const draft = await p.call('GET', `/api/documents/${id}`, { token: specialist.token });
    const draftPdf = await file(id, draft.json().fileId);
    expect((await act(specialist.token, id, { action: 'submit' })).statusCode).toBe(200);
    const signed = await act(leader.token, id, { action: 'sign', signerPosition: 'Chủ tịch', otp: leader.otp() });
    expect(signed.statusCode, signed.body).toBe(200);
    const signedPdf = await file(id, signed.json().fileId);
    const issued = await act(clerk.token, id, { action: 'issue' });
    expect(issued.statusCode, issued.body).toBe(200);
    return { id, d: issued.json(), draftPdf, signedPdf, pdf: await file(id, issued.json().fileId) };
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    leader = await signingStaff(p, 'H26');
    await p.seal('H26');
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => p?.close());

  it('a decision drafted from the template: number and date in their blanks, signature and seal in the signer block, nothing over text', async () => {
    const { d, draftPdf, signedPdf, pdf } = await walk({
      type: 'QD',
      subject: 'Công bố danh mục dữ liệu mở của Ủy ban nhân dân thành phố năm 2026',
      recipients: ['H26.S01'],
      template: {
        preamble: ['Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;'],
        body: [
          'Điều 1. Công bố kèm theo Quyết định này danh mục dữ liệu mở năm 2026.',
          'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        ],
        copiesTo: ['- Như Điều 2;', '- Lưu: VT.'],
        signerCompetence: 'TM. Ủy ban nhân dân',
        signerPosition: 'Chủ tịch',
        signerName: 'Phạm Văn Lãnh Đạo',
      },
    });
    expect(d).toMatchObject({
      status: 'issued',
      code: '01/QĐ-UBND',
      signatures: { report: { indication: 'TOTAL_PASSED' } },
    });
    pdfToPng(pdf, shots, `decision-${kind}`, 100);

    const words = await pdfContentWords(draftPdf);
    const find = (text: string) => words.find((w) => w.text === text) as WordBox;
    // The layout of Phụ lục I: agency and number top left, Quốc hiệu, Tiêu ngữ, place and date top right.
    const [so, notation, nation, place, type] = ['Số:', '/QĐ-UBND', 'CỘNG', 'Nội,', 'QUYẾT'].map(find);
    expect(so!.x).toBeLessThan(nation!.x);
    expect(notation!.y).toBeCloseTo(so!.y, 0);
    expect(place!.x).toBeGreaterThan(notation!.x);
    expect(type!.y).toBeLessThan(so!.y);
    expect(find('Nơi')!.x).toBeLessThan(find('CHỦ')!.x);

    // Signing and issuing add stamps, never page content: the words stay where they were.
    expect((await pdfContentWords(pdf)).map((w) => w.text)).toEqual(words.map((w) => w.text));
    expect(await covered(signedPdf)).toEqual([]);
    expect(await covered(pdf)).toEqual([]);

    const widgets = await pdfWidgets(pdf);
    // The number sits between `Số:` and `/QĐ-UBND`; the date after `Hà Nội,`.
    const number = widgets.find(
      (w) => w.x >= so!.x + so!.width && w.x + w.width <= notation!.x + 0.01 && Math.abs(w.y - so!.y) < 6,
    );
    expect(number).toBeDefined();
    expect(widgets.some((w) => w.x > place!.x + place!.width - 0.01 && Math.abs(w.y - place!.y) < 6)).toBe(true);
    // The seal overlaps the left third of the leader's signature image.
    const [signature, seal] = [
      widgets.find((w) => w.width === 150),
      widgets.find((w) => w.width === 100 && w.height === 100),
    ];
    expect(signature && seal).toBeTruthy();
    expect(seal!.x + seal!.width - signature!.x).toBeCloseTo(signature!.width / 3, 0);

    const text = pdfText(pdf);
    const at = new Date(d.issuedAt);
    expect(text).toContain(formatVnDate(at));
    expect(text).toContain(`Thời gian ký: ${formatVnSigningTime(at)}`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    // poppler's own verdict on both signatures, after the stamps.
    const path = join(shots, `decision-${kind}.pdf`);
    writeFileSync(path, pdf);
    const sig = await promisify(execFile)('pdfsig', [path], { encoding: 'utf8' }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    // poppler lists a signature once per widget (the seal has four): every one valid, two fields.
    const blocks = sig.stdout.split(/^Signature #\d+:/m).slice(1);
    expect(
      blocks.every((b) => b.includes('Signature is Valid')),
      sig.stdout + sig.stderr,
    ).toBe(true);
    expect(new Set(blocks.map((b) => /Field Name: (\S+)/.exec(b)?.[1]))).toEqual(new Set(['Signature1', 'Signature2']));
    expect(d.signatures.report.signatures).toHaveLength(2);
  });

  it('a công văn from the template: "Kính gửi" and the V/v abstract stay clear', async () => {
    const { d, pdf } = await walk({
      type: 'CV',
      subject: 'triển khai chuyển đổi số năm 2026',
      recipients: ['H26.S03'],
      template: {
        addressees: ['Sở Nội vụ thành phố Hà Nội'],
        body: [
          'Thực hiện Kế hoạch chuyển đổi số năm 2026, Ủy ban nhân dân thành phố đề nghị Sở Nội vụ báo cáo tình hình triển khai trước ngày 15 tháng 12 năm 2026.',
        ],
        signerCompetence: 'KT. Chủ tịch',
        signerPosition: 'Phó Chủ tịch',
        signerName: 'Phạm Văn Lãnh Đạo',
      },
    });
    expect(d).toMatchObject({ status: 'issued', code: '02/UBND' });
    pdfToPng(pdf, shots, `cong-van-${kind}`, 100);
    const words = await pdfContentWords(pdf);
    expect(words.some((w) => w.text === 'Kính')).toBe(true);
    expect(words.some((w) => w.text === 'V/v')).toBe(true);
    expect(await covered(pdf)).toEqual([]);
  });

  it('an uploaded PDF: the signer block goes under the text, or on a new page when the last one is full', async () => {
    const upTo = async (lines: number) => {
      const b = await PdfBuilder.create({ metadata: { title: 'Tờ trình', createdAt: p.clock.now() } });
      for (let i = 0; i < lines; i++) b.text(`Dòng ${i + 1}: nội dung tờ trình về việc cải cách hành chính năm 2026.`);
      return Buffer.from(await b.save());
    };
    const short = await walk({
      type: 'TTR',
      subject: 'Tờ trình về cải cách hành chính',
      recipients: [],
      fileIds: [await upload(p, specialist.token, await upTo(12))],
    });
    expect(short.d.pageCount).toBe(1);
    expect(await covered(short.pdf)).toEqual([]);
    pdfToPng(short.pdf, shots, `upload-short-${kind}`, 100);

    // A page of text to its foot: no room on it, so the signature page is added before the leader signs.
    const full = await walk({
      type: 'TTR',
      subject: 'Tờ trình về cải cách hành chính (đầy trang)',
      recipients: [],
      fileIds: [await upload(p, specialist.token, await upTo(48))],
    });
    expect(full.d.pageCount).toBe(2);
    expect(await covered(full.pdf)).toEqual([]);
    expect((await pdfWidgets(full.signedPdf)).every((w) => w.page === 1)).toBe(true);
    pdfToPng(full.pdf, shots, `upload-full-${kind}`, 100);

    // A blank page signs as before.
    const blank = await walk({
      type: 'TTR',
      subject: 'Tờ trình trang trắng',
      recipients: [],
      fileIds: [await upload(p, specialist.token, await makePdf(1))],
    });
    expect(blank.d.signatures.report.indication).toBe('TOTAL_PASSED');
    console.log(`layout pages rendered to ${shots}`);
  });
});
