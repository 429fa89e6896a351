import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv';

interface Row {
  code: string;
  name: string;
  roles?: string[];
  note?: string | null;
}

const cols = [
  { header: 'Mã', value: (r: Row) => r.code },
  { header: 'Tên', value: (r: Row) => r.name },
  { header: 'Vai trò', value: (r: Row) => r.roles },
  { header: 'Ghi chú', value: (r: Row) => r.note },
];

describe('toCsv', () => {
  it('writes a BOM, a header and CRLF rows', () => {
    const csv = toCsv([{ code: 'H26', name: 'Thành phố Hà Nội', roles: ['leader', 'clerk'] }], cols);
    expect(csv).toBe('\uFEFFMã,Tên,Vai trò,Ghi chú\r\nH26,Thành phố Hà Nội,"leader; clerk",\r\n');
  });

  it('quotes commas, quotes and newlines', () => {
    const csv = toCsv([{ code: 'a,b', name: 'say "hi"', note: 'line1\nline2' }], cols, { bom: false });
    expect(csv.split('\r\n')[1]).toBe('"a,b","say ""hi""",,"line1\nline2"');
  });

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    const csv = toCsv([{ code: '=HYPERLINK("x")', name: '-5', note: '@SUM(A1)' }], cols, { bom: false });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-5,,'@SUM(A1)`);
  });

  it('normalises to NFC', () => {
    const decomposed = 'Ha\u0300 No\u0302\u0323i';
    const csv = toCsv([{ code: 'x', name: decomposed }], cols, { bom: false });
    expect(csv).toContain('Hà Nội');
  });

  it('names files by date', () => {
    expect(csvFileName('co-quan', new Date('2026-11-22T10:00:00Z'))).toBe('co-quan-2026-11-22.csv');
  });
});
