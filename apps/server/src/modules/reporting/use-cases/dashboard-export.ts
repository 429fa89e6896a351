import ExcelJS from 'exceljs';
import type { Principal } from '../../../platform/http/auth.js';
import { formatVnDate, formatVnDateTime, PdfBuilder } from '../../../platform/pdf/index.js';
import type { ReportingContext } from '../reporting.context.js';
import { indicators } from './indicators.js';

type View = Awaited<ReturnType<typeof indicators>>;

/** 12,5 (the dashboard's vi-VN form); a value with nothing to divide is a dash. */
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${num(v)}%`);
const day = (iso: string) => formatVnDate(new Date(`${iso}T05:00:00Z`));
const refreshed = (v: View) =>
  v.refreshedAt ? `Số liệu cập nhật lúc ${formatVnDateTime(new Date(v.refreshedAt))}` : 'Số liệu chưa được tổng hợp.';
const title = (v: View) => (v.scope === 'VN' ? 'Toàn quốc' : v.scopeName);
/** `2026-12` → `Tháng 12/2026`. */
const monthLabel = (m: string) => `Tháng ${m.slice(5, 7)}/${m.slice(0, 4)}`;
const fileBase = (v: View) => `chi-tieu-${v.scope}-${v.from}-${v.to}`.replace(/[^A-Za-z0-9.-]/g, '_');

/**
 * The dashboard's current view (a scope and a range of dates) as a PDF or an Excel workbook: the
 * Resolution 17 shares with their targets, the Decision 766 group points and total, the monthly
 * series of the shares, and the table of the units one level down. The figures are `GET /api/indicators`' own answer (same permission, same
 * cache), so the file and the screen never differ.
 */
export async function dashboardExport(
  ctx: ReportingContext,
  p: Principal,
  q: { scope?: string; from: string; to: string; format: 'pdf' | 'xlsx' },
) {
  const v = await indicators(ctx, p, q);
  return q.format === 'pdf'
    ? { bytes: Buffer.from(await dashboardPdf(ctx, v)), name: `${fileBase(v)}.pdf` }
    : { bytes: await dashboardXlsx(v), name: `${fileBase(v)}.xlsx` };
}

async function dashboardPdf(ctx: ReportingContext, v: View) {
  // The per-unit table has a column per indicator: A4 landscape keeps each header on a few lines.
  const b = await PdfBuilder.create({
    pageSize: 'A4',
    orientation: 'landscape',
    fontSize: 10,
    metadata: {
      title: `Chỉ tiêu chính phủ số - ${title(v)} - ${v.from} đến ${v.to}`,
      author: 'Trung tâm thông tin, chỉ đạo điều hành',
      subject: `Chỉ tiêu NQ 17/NQ-CP và QĐ 766/QĐ-TTg, ${v.scope}`,
      keywords: [v.scope, v.from, v.to],
      createdAt: v.refreshedAt ? new Date(v.refreshedAt) : ctx.clock.now(),
    },
  });
  b.text('TRUNG TÂM THÔNG TIN, CHỈ ĐẠO ĐIỀU HÀNH', { align: 'center', bold: true, size: b.ts.baseSize * 1.3 });
  b.text(`${title(v)} — từ ${day(v.from)} đến ${day(v.to)}`, { align: 'center', bold: true });
  b.text(refreshed(v), { align: 'center', italic: true });
  b.space(b.ts.baseSize * 0.6);
  b.text('I. CHỈ TIÊU NGHỊ QUYẾT 17/NQ-CP', { bold: true });
  b.table(
    [
      { header: 'STT', width: 0.5, align: 'center' },
      { header: 'Chỉ tiêu', width: 3.4 },
      { header: 'Tử số', width: 0.9, align: 'right' },
      { header: 'Mẫu số', width: 0.9, align: 'right' },
      { header: 'Giá trị', width: 0.9, align: 'right' },
      { header: 'Mục tiêu', width: 0.9, align: 'right' },
      { header: 'Nguồn mục tiêu', width: 3.4 },
    ],
    v.indicators.map((i, n) => [
      String(n + 1),
      i.name,
      num(i.numerator),
      num(i.denominator),
      pct(i.value),
      pct(i.target),
      i.targetSource,
    ]),
  );
  b.space(b.ts.baseSize * 0.6);
  b.text('II. CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg)', { bold: true });
  b.table(
    [
      { header: 'Mã', width: 0.8, align: 'center' },
      { header: 'Nhóm chỉ số', width: 4 },
      { header: 'Điểm', width: 1, align: 'right' },
      { header: 'Tối đa', width: 1, align: 'right' },
    ],
    [
      ...v.score766.groups.map((g) => [g.code, g.name, num(g.score), num(g.max)]),
      ['', [{ text: 'Tổng điểm (thang 100)', bold: true }], num(v.score766.total), '100'],
    ],
  );
  // The dashboard's monthly chart, as its table: each Resolution 17 share month by month.
  b.space(b.ts.baseSize * 0.6);
  b.text('III. DIỄN BIẾN THEO THÁNG', { bold: true });
  if (v.series.length)
    b.table(
      [
        { header: 'Tháng', width: 1.3 },
        ...v.indicators.map((i) => ({ header: i.name, width: 1.1, align: 'right' as const })),
      ],
      v.series.map((m) => [monthLabel(m.month), ...v.indicators.map((i) => pct(m.values[i.code]))]),
      { size: b.ts.baseSize * 0.9 },
    );
  else b.text('Chưa có số liệu trong khoảng thời gian này.', { italic: true });
  if (v.children.length) {
    b.space(b.ts.baseSize * 0.6);
    b.text(`IV. THEO ĐƠN VỊ (${v.children.length})`, { bold: true });
    b.table(
      [
        { header: 'STT', width: 0.5, align: 'center' },
        { header: 'Mã', width: 1 },
        { header: 'Đơn vị', width: 2.2 },
        ...v.indicators.map((i) => ({ header: i.name, width: 1.1, align: 'right' as const })),
        { header: 'Điểm QĐ 766', width: 0.9, align: 'right' },
      ],
      v.children.map((c, n) => [
        String(n + 1),
        c.agencyCode,
        c.name,
        ...v.indicators.map((i) => pct(c.values[i.code])),
        num(c.score766),
      ]),
      { size: b.ts.baseSize * 0.9 },
    );
  }
  return b.save();
}

async function dashboardXlsx(v: View): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'egov';
  const head = (ws: ExcelJS.Worksheet, values: string[]) => {
    const r = ws.addRow(values);
    r.font = { bold: true };
    return r;
  };
  const top = (ws: ExcelJS.Worksheet) => {
    ws.addRow([`${title(v)} — từ ${v.from} đến ${v.to}`]).font = { bold: true, size: 13 };
    ws.addRow([refreshed(v)]);
    ws.addRow([]);
  };
  // Numbers stay numbers (percentages as 12.5, not "12,5%"): the sheet is for computing on.
  const r17 = wb.addWorksheet('NQ 17');
  r17.columns = [
    { width: 28 },
    { width: 60 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 80 },
  ];
  top(r17);
  head(r17, ['Mã', 'Chỉ tiêu', 'Tử số', 'Mẫu số', 'Giá trị (%)', 'Mục tiêu (%)', 'Nguồn mục tiêu']);
  for (const i of v.indicators)
    r17.addRow([i.code, i.name, i.numerator, i.denominator, i.value, i.target, i.targetSource]);
  const s766 = wb.addWorksheet('QĐ 766');
  s766.columns = [{ width: 10 }, { width: 40 }, { width: 10 }, { width: 10 }];
  top(s766);
  head(s766, ['Mã', 'Nhóm chỉ số', 'Điểm', 'Tối đa']);
  for (const g of v.score766.groups) s766.addRow([g.code, g.name, g.score, g.max]);
  s766.addRow(['TOTAL', 'Tổng điểm (thang 100)', v.score766.total, 100]).font = { bold: true };
  const months = wb.addWorksheet('Theo tháng');
  months.columns = [{ width: 12 }, ...v.indicators.map(() => ({ width: 16 }))];
  top(months);
  head(months, ['Tháng', ...v.indicators.map((i) => `${i.name} (%)`)]);
  for (const m of v.series) months.addRow([m.month, ...v.indicators.map((i) => m.values[i.code] ?? null)]);
  const units = wb.addWorksheet('Theo đơn vị');
  units.columns = [{ width: 14 }, { width: 44 }, ...v.indicators.map(() => ({ width: 16 })), { width: 12 }];
  top(units);
  head(units, ['Mã đơn vị', 'Đơn vị', ...v.indicators.map((i) => `${i.name} (%)`), 'Điểm QĐ 766']);
  units.views = [{ state: 'frozen', ySplit: 4 }];
  for (const c of v.children)
    units.addRow([c.agencyCode, c.name, ...v.indicators.map((i) => c.values[i.code] ?? null), c.score766]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
