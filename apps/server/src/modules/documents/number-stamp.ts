import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { fontBytes } from '../../platform/pdf/fonts.js';

/**
 * Decree 30/2020 Phụ lục I: on an issued electronic document the number and notation and the signing
 * time (ISO 8601, Vietnam time) appear at the top right of the first page, Times-like 10 pt, black.
 * This draws them as page content; it is only used while no signature is on the PDF (a full save
 * would break one) — with the signatures module wired, the seal's appearance carries these lines.
 */
export async function stampNumber(pdf: Uint8Array, lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // One face only: issuing holds the series' counter row, so the stamp should be quick (no bold/italic subsets).
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes().regular, { subset: true, customName: 'EGOVSN+DejaVuSerif' });
  const page = doc.getPage(0);
  const { width, height } = page.getSize();
  const size = 10;
  const margin = 15 * (72 / 25.4);
  lines.forEach((raw, i) => {
    const text = raw.normalize('NFC');
    const w = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: width - margin - w, y: height - 10 * (72 / 25.4) - (i + 1) * size * 1.25, size, font, color: rgb(0, 0, 0) });
  });
  // Without object streams: signature placeholders (signpdf) need a classic cross-reference table.
  return doc.save({ useObjectStreams: false });
}

export async function pageCountOf(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}
