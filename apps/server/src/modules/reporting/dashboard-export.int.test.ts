import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVnDateTime } from '../../platform/pdf/index.js';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
interface View {
  scope: string;
  scopeName: string;
  refreshedAt: string | null;
  indicators: {
    code: string;
    name: string;
    numerator: number;
    denominator: number;
    value: number | null;
    target: number | null;
  }[];
  score766: { groups: { code: string; name: string; score: number | null; max: number }[]; total: number | null };
  children: { agencyCode: string; name: string; values: Record<string, number | null>; score766: number | null }[];
  series: { month: string; values: Record<string, number | null> }[];
}

const pdfText = (buf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: buf }).toString('utf8').normalize('NFC');
const vi = (v: number | null) =>
  v === null ? '—' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The dashboard's view as PDF and Excel: the same figures `GET /api/indicators` answers for the same
 * query, read back with pdftotext and exceljs, under the same permission rules.
 */
describe.each(DB_KINDS)('dashboard export on %s', (kind) => {
  let p: TestPlatform;
  let admin: Staff;
  let g22Leader: Staff;
  let h26Leader: Staff;
  let reception: Staff;
  const range = 'from=2026-12-01&to=2026-12-31';
  const view = async (token: string, scope = '') => {
    const r = await p.call('GET', `/api/indicators?${range}${scope && `&scope=${scope}`}`, { token });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as View;
  };
  const exp = (token: string | undefined, format: string, scope = '') =>
    p.call('GET', `/api/indicators/export?${range}&format=${format}${scope && `&scope=${scope}`}`, { token });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    p.clock.set(new Date('2026-12-07T03:00:00Z'));
    admin = await p.staff({ roles: ['admin'] });
    for (const [code, onlineMode] of [
      ['1.000777', 'full'],
      ['1.000888', 'partial'],
    ] as const) {
      const c = await p.call('POST', '/api/procedures', {
        token: admin.token,
        body: { code, ...buildProcedureContent({ implementingAgencies: ['H26'], onlineMode }) },
      });
      expect(c.statusCode, c.body).toBe(201);
      expect((await p.call('POST', `/api/procedures/${code}/publish`, { token: admin.token })).statusCode).toBe(200);
    }
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = Buffer.from(await doc.save());
    const citizen = await p.citizen();
    for (let i = 0; i < 2; i++) {
      const r = await p.call('POST', '/api/dossiers', {
        token: citizen.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {
          procedureCode: '1.000777',
          agencyCode: 'H26',
          formData: { childName: 'Trần Bảo Ngọc', childBirthDate: '2026-11-01', childGender: 'female' },
          attachments: [
            { documentId: 'to_khai', fileId: await p.upload(citizen.token, pdf) },
            { documentId: 'giay_chung_sinh', fileId: await p.upload(citizen.token, pdf) },
          ],
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    expect((await p.call('POST', '/api/reporting/refresh', { token: admin.token })).statusCode).toBe(200);
    g22Leader = await p.staff({ roles: ['leader'], agencyCode: 'G22' });
    h26Leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
  }, 120_000);
  afterAll(async () => p?.close());

  it('asks who is asking: no login 401, a role without the dashboard 403, another scope 403, no such agency 404, bad format 422', async () => {
    expect((await exp(undefined, 'pdf')).statusCode).toBe(401);
    expect((await exp(reception.token, 'pdf', 'H26')).statusCode).toBe(403);
    // A province's leader sees the province, not the country nor another province.
    expect((await exp(h26Leader.token, 'pdf')).statusCode).toBe(403);
    expect((await exp(h26Leader.token, 'xlsx', 'H41')).statusCode).toBe(403);
    expect((await exp(h26Leader.token, 'pdf', 'H26')).statusCode).toBe(200);
    expect((await exp(admin.token, 'xlsx', 'H99')).statusCode).toBe(404);
    const bad = await exp(g22Leader.token, 'docx');
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('format');
  });

  it('the national PDF: A4 landscape, the refresh time, every figure GET /api/indicators shows, with diacritics', async () => {
    const v = await view(g22Leader.token);
    expect(v.indicators.find((i) => i.code === 'R17.ONLINE_DOSSIERS')!.denominator).toBe(2);
    const r = await exp(g22Leader.token, 'pdf');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe('attachment; filename="chi-tieu-VN-2026-12-01-2026-12-31.pdf"');
    const doc = await PDFDocument.load(r.rawPayload);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeGreaterThan(height);
    const text = pdfText(r.rawPayload);
    expect(text).toContain('TRUNG TÂM THÔNG TIN, CHỈ ĐẠO ĐIỀU HÀNH');
    expect(text).toContain('Toàn quốc — từ ngày 01 tháng 12 năm 2026 đến ngày 31 tháng 12 năm 2026');
    expect(v.refreshedAt).not.toBeNull();
    expect(text).toContain(`Số liệu cập nhật lúc ${formatVnDateTime(new Date(v.refreshedAt!))}`);
    const lines = text.split('\n');
    // Table I: one row per indicator, numbered, with numerator, denominator, value and target.
    v.indicators.forEach((i, n) => {
      const row = lines.find((l) => new RegExp(`^\\s*${n + 1}\\s+${i.name.split(' ').slice(0, 3).join(' ')}`).test(l));
      expect(row, i.code).toBeDefined();
      // The target's source follows the target after a single space: match the row's start.
      const figures = [i.numerator, i.denominator]
        .map(vi)
        .concat([i.value, i.target].map((x) => (x === null ? '—' : `${vi(x)}%`)));
      expect(row, i.code).toMatch(new RegExp(`\\s${figures.map((x) => x.replace('.', '\\.')).join('\\s+')}(\\s|$)`));
    });
    // Table II: the Decision 766 groups and the total.
    for (const g of v.score766.groups) {
      const row = lines.find((l) => l.trim().startsWith(`${g.code} `));
      expect(row?.trim().split(/\s{2,}/), g.code).toEqual([g.code, g.name, vi(g.score), String(g.max)]);
    }
    expect(
      lines
        .find((l) => l.includes('Tổng điểm (thang 100)'))
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['Tổng điểm (thang 100)', vi(v.score766.total), '100']);
    // Table III: the monthly series, a row per month with each share as the screen's chart table shows it.
    expect(text).toContain('III. DIỄN BIẾN THEO THÁNG');
    expect(v.series.map((m) => m.month)).toEqual(['2026-12']);
    for (const m of v.series) {
      const label = `Tháng ${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`;
      const row = lines.find((l) => l.trim().startsWith(label));
      expect(row?.trim().split(/\s{2,}/), m.month).toEqual([
        label,
        ...v.indicators.map((i) => (m.values[i.code] == null ? '—' : `${vi(m.values[i.code]!)}%`)),
      ]);
    }
    // Table IV: every province with its agency code, each row's shares as the screen shows them.
    expect(v.children.length).toBeGreaterThan(30);
    for (const c of v.children) {
      const row = lines.find((l) => new RegExp(`^\\s*\\d+\\s+${c.agencyCode}\\s`).test(l));
      expect(
        row
          ?.trim()
          .split(/\s{2,}/)
          .slice(-7),
        c.agencyCode,
      ).toEqual([
        ...v.indicators.map((i) => (c.values[i.code] == null ? '—' : `${vi(c.values[i.code]!)}%`)),
        vi(c.score766),
      ]);
    }
    expect(v.children.find((c) => c.agencyCode === 'H26')!.values['R17.ONLINE_DOSSIERS']).toBe(100);
    // The table runs over pages: its header row is repeated on each page that has its rows.
    expect(doc.getPageCount()).toBeGreaterThan(2);
    const pages = text.split('\f').filter((t) => /^\s*\d+\s+H\d{2}\s/m.test(t));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toMatch(/STT\s+Mã\s+Đơn vị/);
  });

  it('a province’s PDF and Excel carry its own figures and its units', async () => {
    const v = await view(h26Leader.token, 'H26');
    const r = await exp(h26Leader.token, 'pdf', 'H26');
    const text = pdfText(r.rawPayload);
    expect(text).toContain(`${v.scopeName} — từ ngày 01 tháng 12 năm 2026`);
    for (const c of v.children) expect(text).toMatch(new RegExp(`^\\s*\\d+\\s+${c.agencyCode}\\s`, 'm'));
    const x = await exp(h26Leader.token, 'xlsx', 'H26');
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const units = wb.getWorksheet('Theo đơn vị')!;
    expect(units.getCell('A1').value).toBe(`${v.scopeName} — từ 2026-12-01 đến 2026-12-31`);
    expect(units.rowCount).toBe(4 + v.children.length);
  });

  it('the national Excel: the same numbers as numbers, one sheet per table', async () => {
    const v = await view(g22Leader.token);
    const x = await exp(g22Leader.token, 'xlsx');
    expect(x.headers['content-disposition']).toBe('attachment; filename="chi-tieu-VN-2026-12-01-2026-12-31.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string, width: number) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(5)
        .map((r) => Array.from({ length: width }, (_, i) => (r as ExcelJS.CellValue[])[i + 1] ?? null));
    expect(wb.getWorksheet('NQ 17')!.getCell('A2').value).toMatch(/^Số liệu cập nhật lúc/);
    expect(rows('NQ 17', 7)).toEqual(
      v.indicators.map((i) => [i.code, i.name, i.numerator, i.denominator, i.value, i.target, expect.any(String)]),
    );
    expect(rows('QĐ 766', 4)).toEqual([
      ...v.score766.groups.map((g) => [g.code, g.name, g.score, g.max]),
      ['TOTAL', 'Tổng điểm (thang 100)', v.score766.total, 100],
    ]);
    expect(rows('Theo tháng', 1 + v.indicators.length)).toEqual(
      v.series.map((m) => [m.month, ...v.indicators.map((i) => m.values[i.code] ?? null)]),
    );
    expect(v.series.length).toBeGreaterThan(0);
    expect(rows('Theo đơn vị', 3 + v.indicators.length)).toEqual(
      v.children.map((c) => [c.agencyCode, c.name, ...v.indicators.map((i) => c.values[i.code] ?? null), c.score766]),
    );
  });
});
