import ExcelJS from 'exceljs';
import {
  PdfBuilder,
  formatVnCompactDateTime as compact,
  formatVnShortDate,
  placeAndDate,
} from '../../../platform/pdf/index.js';
import { DEFAULT_DESK } from './form-layout.js';
import type { RegisterData, RegisterEntry } from './types.js';

export const REGISTER_TITLE = 'Sổ theo dõi hồ sơ';

/**
 * The columns of Mẫu 07 (Phụ lục I, TT 03/2025/TT-VPCP). The circular's own text was not available to
 * us: they are those of the same register in TT 01/2018/TT-VPCP (its Mẫu 06), the three hand-overs each
 * with the date and a column to sign on paper (ADR 0028).
 */
export const REGISTER_COLUMNS: { key: keyof RegisterRowCells; header: string; pdfHeader?: string; width: number }[] = [
  { key: 'no', header: 'STT', width: 0.45 },
  { key: 'book', header: 'Quyển số', width: 0.95 },
  { key: 'code', header: 'Mã hồ sơ', width: 1.95 },
  { key: 'procedure', header: 'Tên thủ tục hành chính', width: 1.5 },
  { key: 'sets', header: 'Số lượng hồ sơ (bộ)', width: 0.6 },
  { key: 'applicant', header: 'Tên cá nhân, tổ chức', width: 1.2 },
  { key: 'contact', header: 'Địa chỉ, số điện thoại', width: 1.2 },
  { key: 'competentAgency', header: 'Cơ quan chủ trì giải quyết', width: 1.2 },
  { key: 'receivedAt', header: 'Ngày, giờ tiếp nhận', width: 1 },
  { key: 'dueAt', header: 'Ngày, giờ hẹn trả kết quả', width: 1 },
  { key: 'transferredAt', header: 'Chuyển hồ sơ đến cơ quan giải quyết: ngày, giờ', width: 1 },
  { key: 'transferSign', header: 'Ký nhận (chuyển hồ sơ)', pdfHeader: 'Ký nhận', width: 0.6 },
  { key: 'resultReceivedAt', header: 'Nhận kết quả từ cơ quan giải quyết: ngày, giờ', width: 1 },
  { key: 'resultSign', header: 'Ký nhận (nhận kết quả)', pdfHeader: 'Ký nhận', width: 0.6 },
  { key: 'returnedAt', header: 'Trả kết quả cho cá nhân, tổ chức: ngày, giờ', width: 1 },
  { key: 'returnSign', header: 'Ký nhận (trả kết quả)', pdfHeader: 'Ký nhận', width: 0.6 },
  { key: 'note', header: 'Ghi chú', width: 1.0 },
];

export interface RegisterRowCells {
  /** Số thứ tự: the dossier's entry in the unit's book (taken at reception), not the row's place in the export. */
  no: string;
  book: string;
  code: string;
  procedure: string;
  sets: string;
  applicant: string;
  contact: string;
  competentAgency: string;
  receivedAt: string;
  dueAt: string;
  transferredAt: string;
  transferSign: string;
  resultReceivedAt: string;
  resultSign: string;
  returnedAt: string;
  returnSign: string;
  note: string;
}

const when = (d: Date | undefined) => (d ? compact(d) : '');

/** One entry as the cells of its row (shared by the PDF, the workbook and the CSV). */
export function registerCells(e: RegisterEntry): RegisterRowCells {
  return {
    no: e.entry !== undefined ? String(e.entry) : '',
    book: e.book ?? '',
    code: e.code,
    procedure: e.procedureName,
    sets: String(e.sets).padStart(2, '0'),
    applicant: e.applicant,
    contact: [e.address, e.phone].filter(Boolean).join('; '),
    competentAgency: e.competentAgency,
    receivedAt: when(e.receivedAt),
    dueAt: when(e.dueAt),
    transferredAt: when(e.transferredAt),
    transferSign: '',
    resultReceivedAt: when(e.resultReceivedAt),
    resultSign: '',
    returnedAt: when(e.returnedAt),
    returnSign: '',
    note: e.note ?? '',
  };
}

const period = (d: RegisterData) => `Từ ngày ${formatVnShortDate(d.from)} đến ngày ${formatVnShortDate(d.to)}`;

/** Mẫu 07: the one-stop desk's register (sổ theo dõi hồ sơ), A4 landscape, the header row on every page. */
export async function renderRegister(d: RegisterData): Promise<Uint8Array> {
  const b = await PdfBuilder.create({
    pageSize: 'A4',
    orientation: 'landscape',
    margins: { left: 14 * 2.835, right: 10 * 2.835, top: 14 * 2.835, bottom: 12 * 2.835 },
    fontSize: 8,
    metadata: {
      title: `${REGISTER_TITLE} - ${d.agencyName}`,
      author: d.agencyName,
      subject: `Mẫu số 07: ${REGISTER_TITLE} (${period(d)})`,
      keywords: ['Mẫu số 07', d.agencyCode],
      createdAt: d.issuedAt,
    },
  });
  b.marginText('Mẫu số 07', { align: 'right', italic: true });
  const lines = [
    ...(d.parentAgencyName ? [{ text: d.parentAgencyName.toLocaleUpperCase('vi') }] : []),
    { text: d.agencyName.toLocaleUpperCase('vi') },
    { text: (d.deskName ?? DEFAULT_DESK).toLocaleUpperCase('vi'), bold: true },
  ];
  b.header({ agency: lines, rightNote: placeAndDate(d.place, d.issuedAt), split: 0.42 });
  b.space(b.ts.baseSize);
  b.text(REGISTER_TITLE.toLocaleUpperCase('vi'), { align: 'center', bold: true, size: b.ts.baseSize * 1.6 });
  b.text(period(d), { align: 'center', italic: true });
  b.space(b.ts.baseSize * 0.6);
  b.table(
    REGISTER_COLUMNS.map((c) => ({
      header: c.pdfHeader ?? c.header,
      width: c.width,
      align: c.key === 'no' || c.key === 'book' || c.key === 'sets' ? ('center' as const) : undefined,
    })),
    d.entries.map((e) => {
      const cells = registerCells(e);
      return REGISTER_COLUMNS.map((c) => cells[c.key]);
    }),
    { size: b.ts.baseSize * 0.85 },
  );
  if (d.entries.length === 0) b.text('(Không có hồ sơ tiếp nhận trong kỳ)', { italic: true, align: 'center' });
  return b.save();
}

/** The register as an Excel workbook: title rows, then the header row frozen. */
export async function registerWorkbook(d: RegisterData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'egov-platform';
  wb.created = d.issuedAt;
  const ws = wb.addWorksheet('Mẫu 07', {
    views: [{ state: 'frozen', ySplit: 4 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow([`${REGISTER_TITLE.toLocaleUpperCase('vi')} (Mẫu số 07)`]).font = { bold: true, size: 14 };
  ws.addRow([`${d.agencyName} - ${d.deskName ?? DEFAULT_DESK}`]);
  ws.addRow([period(d)]);
  const head = ws.addRow(REGISTER_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const e of d.entries) {
    const cells = registerCells(e);
    ws.addRow(REGISTER_COLUMNS.map((c) => (c.key === 'no' && e.entry !== undefined ? e.entry : cells[c.key])));
  }
  REGISTER_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = Math.round(c.width * 12)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The register as CSV (RFC 4180, UTF-8 with a BOM so that spreadsheets read the diacritics). */
export function registerCsv(d: RegisterData): string {
  const lines = [REGISTER_COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const e of d.entries) {
    const cells = registerCells(e);
    lines.push(REGISTER_COLUMNS.map((c) => csvCell(cells[c.key].normalize('NFC'))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
