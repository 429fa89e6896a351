/**
 * Where the leader's signature, the seal, the number and the date go on a document's PDF (Decree
 * 30/2020 Phụ lục I), so that nothing ever covers its text: the slots a drafted document reserved, or
 * free space found in an uploaded PDF (a page is added when the last one has none).
 */
import { PDFDocument } from 'pdf-lib';
import type { PageRect } from '../../../platform/pdf/administrative.js';
import { freeRectOn, occupiedBoxes } from '../../../platform/pdf/free-space.js';
import { formatVnDate, formatVnSigningTime } from '../../../platform/pdf/index.js';
import type { WidgetSpec } from '../../signatures/index.js';
import type { StampLayout } from '../db/schema.js';

/** The leader's signature image, right in the signer's slot, leaving its left for the seal. */
export const SIGNATURE = { width: 150, height: 70 };
/** The seal's diameter (about 35 mm, its real size). */
export const SEAL = 100;
/** What an uploaded PDF must have free for the signer's block: signature and seal, then the seal's text. */
const BLOCK = { width: 250, height: 112, info: 44 };
const INFO = { width: 220, height: 44 };

export function signatureRect(slot: PageRect): PageRect {
  const width = Math.min(SIGNATURE.width, slot.width * 0.6);
  const height = Math.min(SIGNATURE.height, slot.height);
  return {
    page: slot.page,
    x: slot.x + slot.width - width - Math.min(10, slot.width * 0.04),
    y: slot.y + (slot.height - height) / 2,
    width,
    height,
  };
}

/** The seal overlapping the left third of the signature image (Phụ lục I). */
export function sealRect(slot: PageRect): PageRect {
  const sig = signatureRect(slot);
  const d = Math.min(SEAL, slot.height);
  return { page: slot.page, x: sig.x + sig.width / 3 - d, y: slot.y + (slot.height - d) / 2, width: d, height: d };
}

const rect = (r: PageRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });

/**
 * The stamp layout of a PDF that has none (an uploaded draft): free space for the signer's block on
 * the last page, under the text; or a new last page when there is none (the PDF then changes, before
 * the leader signs it).
 */
export async function layoutForUpload(pdf: Uint8Array): Promise<{ pdf: Uint8Array; layout: StampLayout }> {
  const pages = await occupiedBoxes(pdf);
  const last = pages.length - 1;
  const size = { width: BLOCK.width, height: BLOCK.height + BLOCK.info };
  const found =
    freeRectOn(pages, last, size.width, size.height, { corner: 'bottom-right', below: true }) ??
    freeRectOn(pages, last, size.width, size.height, { corner: 'bottom-right' });
  let out = pdf;
  let at = found;
  if (!at) {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const ref = doc.getPage(last);
    const page = doc.addPage([ref.getWidth(), ref.getHeight()]);
    out = await doc.save({ useObjectStreams: false });
    at = { page: last + 1, x: page.getWidth() - 42 - size.width, y: page.getHeight() - 72 - size.height, ...size };
  }
  return {
    pdf: out,
    layout: {
      signature: { page: at.page, x: at.x, y: at.y + BLOCK.info, width: BLOCK.width, height: BLOCK.height },
      sealInfo: { page: at.page, x: at.x, y: at.y, width: BLOCK.width, height: BLOCK.info },
    },
  };
}

/** The leader's widget: his signature image and the signing time, in the signer's slot. */
export function leaderWidgets(layout: StampLayout, name: string, at: Date): WidgetSpec[] {
  const r = signatureRect(layout.signature);
  return [
    {
      page: r.page,
      rect: rect(r),
      appearance: { kind: 'signature', name, caption: [`Ký số: ${formatVnSigningTime(at)}`] },
    },
  ];
}

/**
 * The seal's widgets at issue: the seal over the left third of the leader's signature, the number
 * and the date in their blanks (a drafted document), and the seal's text (who, number, time) in the
 * top margin of page 1 when it is free, else under the signer's block.
 */
export async function sealWidgets(
  pdf: Uint8Array,
  layout: StampLayout | null,
  s: { agencyName: string; code: string; codeNumber: string; at: Date },
): Promise<WidgetSpec[]> {
  const info = [`Ký bởi: ${s.agencyName}`, `Số: ${s.code}`, `Thời gian ký: ${formatVnSigningTime(s.at)}`];
  const out: WidgetSpec[] = [];
  if (layout) {
    const seal = sealRect(layout.signature);
    out.push({ page: seal.page, rect: rect(seal), appearance: { kind: 'seal', agency: s.agencyName } });
  }
  if (layout?.number) {
    const n = layout.number;
    out.push({
      page: n.page,
      rect: { x: n.x, y: n.y, width: n.width, height: n.size * 1.3 },
      appearance: { kind: 'text', lines: [s.codeNumber], size: n.size, color: 'black', align: 'right' },
    });
  }
  if (layout?.date) {
    const d = layout.date;
    out.push({
      page: d.page,
      rect: { x: d.x, y: d.y, width: d.width, height: d.size * 1.3 },
      appearance: { kind: 'text', lines: [formatVnDate(s.at)], size: d.size, color: 'black', italic: true },
    });
  }
  // A drafted document reserved the top margin; for an uploaded one, look there first (Phụ lục I's place).
  const pages = layout?.number ? null : await occupiedBoxes(pdf);
  const top = pages ? freeRectOn(pages, 0, INFO.width, INFO.height, { corner: 'top-right', edge: 12 }) : null;
  const place = top && top.y > pages![0]!.height / 2 ? top : (layout?.sealInfo ?? top);
  if (place)
    out.push({
      page: place.page,
      rect: rect({ ...place, height: Math.min(place.height, INFO.height) }),
      appearance: { kind: 'text', lines: info, size: 7.5, color: 'blue', border: true },
    });
  return out;
}
