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

export interface WordBox {
  page: number;
  text: string;
  /** PDF points from the lower-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The words printed in the pages' content, with their boxes (`pdftotext -bbox`), leaving out what
 * annotations draw (signature appearances): their text is not the document's.
 */
export async function pdfContentWords(bytes: Uint8Array): Promise<WordBox[]> {
  const { PDFDocument, PDFName } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const page of doc.getPages()) page.node.delete(PDFName.of('Annots'));
  doc.catalog.delete(PDFName.of('AcroForm'));
  const stripped = await doc.save({ useObjectStreams: false });
  const html = withTempPdf(stripped, (file) =>
    execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
  const words: WordBox[] = [];
  let page = -1;
  let height = 0;
  for (const m of html.matchAll(
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[1]) {
      page++;
      height = Number(m[2]);
      continue;
    }
    const [x0, y0, x1, y1] = [m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
    words.push({ page, text: m[7]!.normalize('NFC'), x: x0, y: height - y1, width: x1 - x0, height: y1 - y0 });
  }
  return words;
}

/** The widget annotations (signature appearances) of each page, with their rectangles. */
export async function pdfWidgets(
  bytes: Uint8Array,
): Promise<{ page: number; x: number; y: number; width: number; height: number }[]> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { page: number; x: number; y: number; width: number; height: number }[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let k = 0; k < (annots?.size() ?? 0); k++) {
      const a = annots!.lookupMaybe(k, PDFDict);
      if (a?.lookupMaybe(PDFName.of('Subtype'), PDFName) !== PDFName.of('Widget')) continue;
      const r = a
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
      const [x0, y0, x1, y1] = r as [number, number, number, number];
      if (x1 - x0 > 0 && y1 - y0 > 0) out.push({ page: i, x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    }
  });
  return out;
}
