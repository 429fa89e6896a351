import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfBuilder, type PdfBuilderOptions } from './pdf-builder.js';
import { qrPath } from './qr.js';
import { pdfPagesText, pdfText } from './testing.js';

const CREATED = new Date('2026-03-02T03:05:00Z');
const options = (over: Partial<PdfBuilderOptions> = {}): PdfBuilderOptions => ({
  pageSize: 'A5',
  metadata: {
    title: 'Thử nghiệm tài liệu',
    author: 'Ủy ban nhân dân phường Hoàn Kiếm',
    subject: 'Kiểm thử',
    keywords: ['a', 'b'],
    createdAt: CREATED,
  },
  ...over,
});

async function sample(rows = 3): Promise<PdfBuilder> {
  const b = await PdfBuilder.create(options());
  b.header({
    agency: [{ text: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI' }, { text: 'ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM', bold: true }],
    rightNote: 'Hà Nội, ngày 02 tháng 03 năm 2026',
  });
  b.text('Tiêu đề văn bản', { bold: true, align: 'center', size: 12 });
  b.text([{ text: 'Người nộp: ' }, { text: 'Nguyễn Thị Ánh Tuyết'.normalize('NFD'), bold: true }]);
  b.table(
    [
      { header: 'TT', width: 1, align: 'center' },
      { header: 'Tên giấy tờ', width: 6 },
    ],
    Array.from({ length: rows }, (_, i) => [
      String(i + 1),
      `Giấy tờ số ${i + 1} có tên khá dài để phải xuống dòng trong ô của bảng`,
    ]),
  );
  b.qr('https://dichvucong.example.vn/tra-cuu?ma=000.00.00.H26-260302-0001', { size: 60, caption: 'Tra cứu' });
  b.signatureBlock({ title: 'Người tiếp nhận hồ sơ', name: 'Trần Văn Đức', place: 'Hà Nội', date: CREATED });
  return b;
}

describe('PdfBuilder', () => {
  it('writes Vietnamese text that reads back intact, including decomposed input', async () => {
    const text = pdfText(await (await sample()).save());
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM',
      'Nguyễn Thị Ánh Tuyết',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      '(Ký và ghi rõ họ tên)',
      'Hà Nội, ngày 02 tháng 03 năm 2026',
      'Trần Văn Đức',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('makes A5 pages, sets metadata and saves without object streams', async () => {
    const bytes = await (await sample()).save();
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const { width, height } = doc.getPage(0).getSize();
    expect([width, height]).toEqual([419.53, 595.28]);
    expect(doc.getTitle()).toBe('Thử nghiệm tài liệu');
    expect(doc.getAuthor()).toBe('Ủy ban nhân dân phường Hoàn Kiếm');
    expect(doc.getCreator()).toBe('egov-platform');
    expect(doc.getCreationDate()?.toISOString()).toBe(CREATED.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(CREATED.toISOString());
    expect(Buffer.from(bytes).includes('/ObjStm')).toBe(false);
  });

  it('gives the same bytes for the same input', async () => {
    const [a, b] = await Promise.all([sample().then((x) => x.save()), sample().then((x) => x.save())]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('flows a long table onto new pages, repeating the header and numbering pages', async () => {
    const b = await sample(40);
    const bytes = await b.save();
    expect(b.pageCount).toBeGreaterThan(1);
    const pages = pdfPagesText(bytes);
    expect(pages).toHaveLength(b.pageCount);
    for (const page of pages.slice(1)) expect(page).toContain('Tên giấy tờ');
    expect(pdfPagesText(bytes, 'layout')[1]).toMatch(/^\s*2\s/); // page number at the top
    const all = pdfText(bytes);
    for (let i = 1; i <= 40; i++) expect(all).toContain(`Giấy tờ số ${i} có tên`);
  });

  it('records where each signature goes', async () => {
    const b = await sample();
    expect(b.signatureAreas).toHaveLength(1);
    const area = b.signatureAreas[0]!;
    expect(area).toMatchObject({ pageIndex: 0, title: 'Người tiếp nhận hồ sơ' });
    expect(area.height).toBeGreaterThan(30);
    expect(area.x + area.width).toBeLessThanOrEqual(419.53);
  });

  it('splits a table row taller than a page between pages', async () => {
    const b = await PdfBuilder.create(options());
    b.table([{ header: 'Nội dung', width: 1 }], [[Array.from({ length: 120 }, (_, i) => `dòng ${i + 1}`).join('\n')]]);
    const bytes = await b.save();
    expect(b.pageCount).toBeGreaterThan(1);
    const text = pdfText(bytes);
    expect(text).toContain('dòng 1 ');
    expect(text).toContain('dòng 120');
  });
});

describe('qrPath', () => {
  it('draws the modules plus a four-module quiet zone, deterministically', () => {
    const a = qrPath('https://dichvucong.example.vn/tra-cuu?ma=000.00.00.H26-260302-0001');
    expect(a.modules).toBeGreaterThanOrEqual(21 + 8);
    expect((a.modules - 8 - 17) % 4).toBe(0); // QR versions are 17 + 4v modules wide
    expect(a.path).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(qrPath('https://dichvucong.example.vn/tra-cuu?ma=000.00.00.H26-260302-0001')).toEqual(a);
  });
});

describe('signing time', () => {
  it('prints as signed Vietnamese documents do: day.month.year hh:mm:ss +07:00, in Vietnam time', async () => {
    const { formatVnSigningTime } = await import('./vn-format.js');
    expect(formatVnSigningTime(new Date('2026-12-06T11:08:44Z'))).toBe('06.12.2026 18:08:44 +07:00');
    expect(formatVnSigningTime(new Date('2026-12-31T17:00:05Z'))).toBe('01.01.2027 00:00:05 +07:00');
  });
});
