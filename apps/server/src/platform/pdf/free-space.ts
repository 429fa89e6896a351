/**
 * Where a PDF someone else made has room for a stamp: the boxes of its text (PDF.js reads the content
 * streams, whatever produced them) and of its annotations, and a search for a rectangle that touches
 * none of them. Images and vector drawings are not seen: a scanned page looks empty.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageRect } from './administrative.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageBoxes {
  width: number;
  height: number;
  /** Text and annotation boxes on the page. */
  boxes: Box[];
}

/** Text and annotation boxes of every page. */
export async function occupiedBoxes(pdf: Uint8Array): Promise<PageBoxes[]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const out: PageBoxes[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const boxes: Box[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, bb, , d, e, f] = item.transform as number[];
        const size = Math.hypot(a!, bb!) || Math.abs(d!) || item.height;
        // The baseline is at f: descenders go a quarter of the size below, marks of capitals above it.
        boxes.push({ x: e! - x0, y: f! - y0 - size * 0.3, width: item.width, height: size * 1.35 });
      }
      for (const annot of (await page.getAnnotations()) as { rect?: number[] }[]) {
        const r = annot.rect;
        if (!r || r.length !== 4) continue;
        const [ax0, ay0, ax1, ay1] = r as [number, number, number, number];
        if (ax1 - ax0 <= 0 || ay1 - ay0 <= 0) continue;
        boxes.push({ x: ax0 - x0, y: ay0 - y0, width: ax1 - ax0, height: ay1 - ay0 });
      }
      out.push({ width: x1 - x0, height: y1 - y0, boxes });
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
}

export const intersects = (a: Box, b: Box, pad = 0): boolean =>
  a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;

/**
 * The free rectangle of `width`×`height` nearest the `corner` of the page (inside `edge` points of
 * the border, `pad` points clear of every box), or null. `below` keeps it under the page's lowest
 * text (a signer's block follows the body).
 */
export function findFreeRect(
  page: PageBoxes,
  width: number,
  height: number,
  o: { corner: 'bottom-right' | 'top-right'; edge?: number; pad?: number; below?: boolean },
): Box | null {
  const edge = o.edge ?? 24;
  const pad = o.pad ?? 4;
  const step = 6;
  const lowest = page.boxes.length ? Math.min(...page.boxes.map((b) => b.y)) : page.height;
  const xs: number[] = [];
  for (let x = page.width - edge - width; x >= edge; x -= step) xs.push(x);
  const ys: number[] = [];
  if (o.corner === 'top-right') for (let y = page.height - edge - height; y >= edge; y -= step) ys.push(y);
  else {
    const top = o.below ? Math.min(lowest - pad - height, page.height - edge - height) : page.height - edge - height;
    for (let y = top; y >= edge; y -= step) ys.push(y);
  }
  for (const y of ys)
    for (const x of xs) {
      const r = { x, y, width, height };
      if (!page.boxes.some((b) => intersects(r, b, pad))) return r;
    }
  return null;
}

/** `findFreeRect` as a page rectangle, on page `index`. */
export function freeRectOn(
  pages: PageBoxes[],
  index: number,
  width: number,
  height: number,
  o: Parameters<typeof findFreeRect>[3],
): PageRect | null {
  const page = pages[index];
  const r = page ? findFreeRect(page, width, height, o) : null;
  return r ? { page: index, ...r } : null;
}
