/**
 * The visible signature block in the style of Decree 30/2020 Phụ lục I (vn-standards §3.6):
 * signer, position, agency and the signing time in ISO 8601 (Vietnam time), in a serif face that
 * covers Vietnamese. It is the widget's appearance stream, never page content, so a later signer's
 * block does not count as a change to the document under an earlier signature.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  moveText,
  type PDFDocument,
  type PDFFont,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
} from 'pdf-lib';
import { fontBytes } from '../../../../platform/pdf/fonts.js';
import { vnIsoDateTime } from '../../../../platform/time/vn-time.js';

export interface VisibleBlock {
  /** 0-based page; default the last page. */
  page?: number;
  /** Lower-left corner and size in points; default from `anchor`, clear of earlier blocks. */
  rect?: { x: number; y: number; width: number; height: number };
  /**
   * Where the default rectangle goes: bottom right (a signer's block), or top right — Decree 30's place
   * for the agency's signature on attachments, showing the number and the signing time.
   */
  anchor?: 'bottom-right' | 'top-right';
  /** Lines override; default from the certificate and the options. */
  lines?: string[];
}

export interface BlockText {
  signer: string;
  position?: string | null;
  agency?: string | null;
  at: Date;
}

/** `2026-03-02T10:15:30+07:00`: Decree 30 wants the Vietnam time zone, ISO 8601. */
export function isoVietnam(at: Date): string {
  return vnIsoDateTime(at);
}

export function blockLines(t: BlockText): string[] {
  return [
    `Ký bởi: ${t.signer}`,
    t.position ? `Chức vụ: ${t.position}` : null,
    t.agency ? `Cơ quan: ${t.agency}` : null,
    `Thời gian ký: ${isoVietnam(t.at)}`,
  ]
    .filter((l): l is string => !!l)
    .map((l) => l.normalize('NFC'));
}

export const DEFAULT_SIZE = { width: 230, height: 64 };

/** Default rectangle in a corner of the page, moved inwards past the `existing` signature blocks. */
export function defaultRect(
  page: { width: number; height: number },
  existing: number,
  anchor: VisibleBlock['anchor'] = 'bottom-right',
) {
  const { width, height } = DEFAULT_SIZE;
  const offset = existing * (height + 8);
  const y = anchor === 'top-right' ? page.height - 36 - height - offset : 36 + offset;
  return { x: page.width - width - 36, y, width, height };
}

const BLUE = [0.05, 0.2, 0.6] as const;

function fitSize(font: PDFFont, lines: string[], width: number, height: number): number {
  const widest = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, 10)));
  const byWidth = (10 * (width - 8)) / Math.max(widest, 1);
  const byHeight = (height - 6) / (lines.length * 1.3);
  return Math.max(5, Math.min(10, byWidth, byHeight));
}

/** A form XObject drawing the block; returns its reference. */
export async function appearanceStream(
  doc: PDFDocument,
  lines: string[],
  width: number,
  height: number,
): Promise<PDFRef> {
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes().regular, { subset: true, customName: 'EGOVSG+DejaVuSerif' });
  const size = fitSize(font, lines, width, height);
  const ops = [
    pushGraphicsState(),
    setStrokingRgbColor(...BLUE),
    setLineWidth(0.8),
    rectangle(0.5, 0.5, width - 1, height - 1),
    stroke(),
    setFillingRgbColor(...BLUE),
  ];
  const lead = size * 1.3;
  let y = height - 4 - size;
  for (const line of lines) {
    ops.push(beginText(), setFontAndSize('F1', size), moveText(4, y), showText(font.encodeText(line)), endText());
    y -= lead;
  }
  ops.push(popGraphicsState());
  const xobj = doc.context.formXObject(ops, { BBox: [0, 0, width, height], Resources: { Font: { F1: font.ref } } });
  return doc.context.register(xobj);
}
