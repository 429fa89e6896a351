import { mkdirSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfPagesText, pdfText, pdfToPng } from '../../../platform/pdf/testing.js';
import { registerCsv, renderRegister, type RegisterData } from './index.js';

const at = (s: string) => new Date(`${s}+07:00`);

function buildRegister(n: number): RegisterData {
  return {
    agencyCode: 'H26.X002',
    agencyName: 'Ủy ban nhân dân phường Cửa Nam',
    parentAgencyName: 'Ủy ban nhân dân thành phố Hà Nội',
    place: 'Hà Nội',
    from: at('2026-03-02T00:00:00'),
    to: at('2026-03-06T00:00:00'),
    issuedAt: at('2026-03-06T16:30:00'),
    entries: Array.from({ length: n }, (_, i) => ({
      book: '01/2026',
      entry: i + 1,
      code: `H26.X002-260302-${String(i + 1).padStart(4, '0')}`,
      procedureName: i % 2 ? 'Đăng ký khai sinh' : 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      sets: 1,
      applicant: 'Nguyễn Thị Ánh Tuyết',
      address: 'Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội',
      phone: '0912345678',
      competentAgency: i % 2 ? 'Ủy ban nhân dân phường Hoàn Kiếm' : 'Ủy ban nhân dân phường Cửa Nam',
      receivedAt: at('2026-03-02T09:15:00'),
      dueAt: at('2026-03-05T17:00:00'),
      transferredAt: at('2026-03-02T09:16:00'),
      resultReceivedAt: i % 3 ? undefined : at('2026-03-04T10:00:00'),
      returnedAt: i % 3 ? undefined : at('2026-03-04T15:20:00'),
      note: i % 2 ? 'Liên thông; trả kết quả tại nơi tiếp nhận' : undefined,
    })),
  };
}

describe('Mẫu 07, the desk register', () => {
  it('is an A4 landscape table with the title once and the header row on every page', async () => {
    const bytes = await renderRegister(buildRegister(40));
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    for (const page of doc.getPages()) {
      const { width, height } = page.getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    }
    const text = pdfText(bytes);
    for (const s of [
      'Mẫu số 07',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ỦY BAN NHÂN DÂN PHƯỜNG CỬA NAM',
      'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      'SỔ THEO DÕI HỒ SƠ',
      'Từ ngày 02/03/2026 đến ngày 06/03/2026',
      'Hà Nội, ngày 06 tháng 03 năm 2026',
      'Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội; 0912345678',
      'H26.X002-260302-0040',
    ])
      expect(text).toContain(s.normalize('NFC'));
    const pages = pdfPagesText(bytes).map((t) => t.replace(/\s+/g, ' '));
    expect(pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pages[1]).not.toContain('SỔ THEO DÕI HỒ SƠ');
    // pdftotext may split "Quyển" at its stacked diacritic when the line is tight; the PNG shows it whole.
    for (const page of pages)
      expect(page.normalize('NFC').replace(/Quy\S*\s+n số/u, 'Quyển số')).toContain(
        'STT Quyển số Mã hồ sơ Tên thủ tục hành chính Số lượng hồ sơ (bộ)',
      );
    // The book and the entry (số thứ tự) the dossier took at reception, not the row's place.
    expect(pages[0]).toMatch(/\b1 01\/2026 H26\.X002-260302-0001/);
    // Every entry once, in order.
    const codes = [...text.matchAll(/H26\.X002-260302-(\d{4})/g)].map((m) => Number(m[1]));
    expect(codes).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    if (process.env.REGISTER_PNG_DIR) {
      mkdirSync(process.env.REGISTER_PNG_DIR, { recursive: true });
      pdfToPng(bytes, process.env.REGISTER_PNG_DIR, 'mau-07', 70);
    }
  }, 30_000);

  it('says so when the period is empty; the CSV has the same columns', async () => {
    expect(pdfText(await renderRegister(buildRegister(0)))).toContain('(Không có hồ sơ tiếp nhận trong kỳ)');
    const csv = registerCsv(buildRegister(2));
    expect(csv.startsWith('\uFEFFSTT,Quyển số,Mã hồ sơ,')).toBe(true);
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe(
      '1,01/2026,H26.X002-260302-0001,"Chứng thực bản sao từ bản chính giấy tờ, văn bản",01,Nguyễn Thị Ánh Tuyết,"Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội; 0912345678",Ủy ban nhân dân phường Cửa Nam,09:15 02/03/2026,17:00 05/03/2026,09:16 02/03/2026,,10:00 04/03/2026,,15:20 04/03/2026,,',
    );
  });
});
