// Test helpers: read a PDF back with poppler-utils (pdftotext, pdftoppm), as a reader would see it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withTempPdf<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'egov-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of each page, NFC-normalized. `raw` keeps the drawing order (a column stays together);
 * `layout` keeps the physical layout (columns side by side).
 */
export function pdfPagesText(bytes: Uint8Array, mode: 'raw' | 'layout' = 'raw'): string[] {
  return withTempPdf(bytes, (file) =>
    execFileSync('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  )
    .normalize('NFC')
    .split('\f')
    .slice(0, -1);
}

/** All text with runs of whitespace collapsed, so wrapped phrases can be searched for. */
export function pdfText(bytes: Uint8Array): string {
  return pdfPagesText(bytes).join('\n').replace(/\s+/g, ' ');
}

/** Renders every page to PNG files `<prefix>-<n>.png` in `outDir`; returns their names. */
export function pdfToPng(bytes: Uint8Array, outDir: string, prefix: string, dpi = 80): string[] {
  withTempPdf(bytes, (file) => execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, join(outDir, prefix)]));
  return readdirSync(outDir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'));
}
