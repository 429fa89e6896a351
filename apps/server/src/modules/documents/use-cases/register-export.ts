import ExcelJS from 'exceljs';
import { PdfBuilder } from '../../../platform/pdf/index.js';
import { REGISTER_COLUMNS, type registerRows } from './registers.js';

type Register = Awaited<ReturnType<typeof registerRows>>;

const TITLE = { outgoing: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', incoming: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' } as const;
const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v).normalize('NFC'));

/** The register as a PDF (Phụ lục IV layout: title, agency, year, the ten columns). */
export async function registerPdf(r: Register, now: Date): Promise<Uint8Array> {
  const b = await PdfBuilder.create({
    pageSize: 'A4',
    margins: { left: 28, right: 20 },
    fontSize: 7,
    metadata: { title: `${TITLE[r.book]} ${r.year} – ${r.agencyName}`, author: r.agencyName, createdAt: now },
  });
  b.text(r.agencyName.toLocaleUpperCase('vi'), { bold: true, align: 'center' });
  b.space(6);
  b.text(TITLE[r.book], { bold: true, align: 'center', size: 13 });
  b.text(`Năm ${r.year}`, { align: 'center', size: 10 });
  b.space(8);
  const cols = REGISTER_COLUMNS[r.book];
  b.table(
    cols.map((c) => ({ header: c.header, width: c.width })),
    r.rows.map((row) => cols.map((c) => cell(row[c.key]))),
  );
  if (r.rows.length === 0) b.text('(Chưa có văn bản)', { italic: true, align: 'center' });
  return b.save();
}

/** The register as an Excel workbook, one sheet, header row frozen. */
export async function registerXlsx(r: Register, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'egov-platform';
  wb.created = now;
  const ws = wb.addWorksheet(r.book === 'outgoing' ? 'Văn bản đi' : 'Văn bản đến', {
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const cols = REGISTER_COLUMNS[r.book];
  ws.addRow([`${TITLE[r.book]} NĂM ${r.year}`]).font = { bold: true, size: 14 };
  ws.addRow([r.agencyName]);
  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const row of r.rows)
    ws.addRow(cols.map((c) => (typeof row[c.key] === 'number' ? row[c.key] : cell(row[c.key]))));
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = Math.round(c.width * 14)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
