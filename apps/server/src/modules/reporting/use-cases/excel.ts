import ExcelJS from 'exceljs';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { type FieldError, ValidationError } from '../../../platform/http/errors.js';
import type { ReportingContext } from '../reporting.context.js';
import { parseFormula, refsOf } from '../template.js';
import { fillObligation, getObligation } from './obligations.js';

const SHEET = 'Báo cáo';
const FIRST_ROW = 6;

/**
 * A report as an Excel workbook in its template's layout: one row per indicator (code in A, name in
 * B, value in C, unit in D), computed indicators as Excel formulas, then the free-text sections.
 * The obligation id sits in a hidden sheet so an upload is matched to its report.
 */
export async function exportObligation(ctx: ReportingContext, p: Principal, id: string): Promise<Buffer> {
  const o = await getObligation(ctx, p, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'egov';
  const ws = wb.addWorksheet(SHEET);
  ws.columns = [{ width: 10 }, { width: 60 }, { width: 16 }, { width: 12 }, { width: 30 }];
  ws.getCell('A1').value = o.regime.name;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = `Kỳ báo cáo: ${o.periodLabel} (số liệu từ ${o.periodFrom} đến ${o.periodTo})`;
  ws.getCell('A3').value = `Cơ quan báo cáo: ${o.agencyCode} — gửi ${o.receiverCode}`;
  const head = ws.getRow(FIRST_ROW - 1);
  head.values = ['Mã', 'Chỉ tiêu', 'Giá trị', 'Đơn vị', 'Ghi chú'];
  head.font = { bold: true };
  const rowOf = new Map<string, number>();
  o.template.indicators.forEach((ind, i) => rowOf.set(ind.code, FIRST_ROW + i));
  o.template.indicators.forEach((ind, i) => {
    const r = ws.getRow(FIRST_ROW + i);
    r.getCell(1).value = ind.code;
    r.getCell(2).value = ind.name;
    r.getCell(4).value = ind.unit;
    const v = o.values[ind.code] ?? null;
    if (ind.formula) {
      // Codes become cell references: the sheet recomputes as the agency types.
      let f = ind.formula;
      for (const ref of [...refsOf(parseFormula(ind.formula))].sort((a, b) => b.length - a.length))
        f = f.replace(new RegExp(`\\b${ref.replace('.', '\\.')}\\b`, 'g'), `C${rowOf.get(ref)}`);
      r.getCell(3).value = { formula: `IFERROR(${f},"")`, result: v ?? '' } as ExcelJS.CellFormulaValue;
      r.getCell(5).value = `Tự tính: ${ind.formula}`;
      r.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    } else {
      r.getCell(3).value = v;
      if (ind.required) r.getCell(5).value = 'Bắt buộc';
    }
  });
  let row = FIRST_ROW + o.template.indicators.length + 1;
  if (o.template.sections.length) {
    ws.getRow(row).values = ['Mã', 'Nội dung'];
    ws.getRow(row).font = { bold: true };
    row++;
    for (const s of o.template.sections) {
      const r = ws.getRow(row++);
      r.getCell(1).value = s.code;
      r.getCell(2).value = s.title;
      r.getCell(3).value = o.texts[s.code] ?? '';
    }
  }
  const meta = wb.addWorksheet('meta', { state: 'veryHidden' });
  meta.getCell('A1').value = o.id;
  meta.getCell('A2').value = o.regime.code;
  meta.getCell('A3').value = o.period;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellText = (v: ExcelJS.CellValue): string | number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'object' && 'result' in v) return (v.result as number | string | undefined) ?? null;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v as unknown as string);
};

/**
 * Read a filled workbook back: rows are matched by the code in column A (not by position), each
 * value checked, and every error named by its cell (`C7`). Computed rows are ignored.
 */
export async function importObligation(
  ctx: ReportingContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  bytes: Buffer,
) {
  const o = await getObligation(ctx, p, id);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw ValidationError.field('file', 'NOT_XLSX', 'The file is not an Excel workbook (.xlsx).');
  }
  const ws = wb.getWorksheet(SHEET);
  if (!ws) throw ValidationError.field('file', 'SHEET_MISSING', `The workbook has no sheet "${SHEET}".`);
  const metaId = wb.getWorksheet('meta')?.getCell('A1').value;
  if (metaId && metaId !== o.id)
    throw ValidationError.field('file', 'OTHER_REPORT', 'This workbook was exported for another report.');
  const byCode = new Map(o.template.indicators.map((i) => [i.code, i]));
  const sections = new Set(o.template.sections.map((s) => s.code));
  const cellOf = new Map<string, string>();
  const values: Record<string, number | null> = {};
  const texts: Record<string, string> = {};
  const errors: FieldError[] = [];
  ws.eachRow((r, n) => {
    if (n < FIRST_ROW) return;
    const code = String(cellText(r.getCell(1).value) ?? '').trim();
    const ind = byCode.get(code);
    const raw = cellText(r.getCell(3).value);
    if (ind) {
      if (ind.formula) return;
      cellOf.set(code, `C${n}`);
      if (raw === null || raw === '') values[code] = null;
      else {
        const num = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(/\./g, '').replace(',', '.'));
        if (!Number.isFinite(num))
          errors.push({ path: `C${n}`, code: 'NOT_A_NUMBER', message: `${code}: "${raw}" is not a number.` });
        else values[code] = num;
      }
    } else if (sections.has(code) && raw !== null) texts[code] = String(raw);
  });
  if (errors.length) throw new ValidationError(errors);
  try {
    return await fillObligation(ctx, p, actor, id, { values, texts });
  } catch (e) {
    if (e instanceof ValidationError && e.errors)
      throw new ValidationError(
        e.errors.map((x) => {
          const code = x.path.startsWith('values.') ? x.path.slice(7) : null;
          return { ...x, path: (code && cellOf.get(code)) || x.path };
        }),
      );
    throw e;
  }
}
