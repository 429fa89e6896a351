/** A column of a CSV export: header text and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (v instanceof Date) s = v.toISOString();
  else if (Array.isArray(v)) s = v.join('; ');
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  // Spreadsheet formula injection (OWASP): a cell starting with = + - @ is shown as text.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with CRLF line ends, NFC text and a BOM so Excel reads Vietnamese correctly. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], { bom = true } = {}): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','));
  const text = lines.join('\r\n').normalize('NFC') + '\r\n';
  return bom ? `\uFEFF${text}` : text;
}

/** `name-2026-11-22.csv` */
export function csvFileName(base: string, now = new Date()): string {
  return `${base}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Offer the CSV text as a download (browser only). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
