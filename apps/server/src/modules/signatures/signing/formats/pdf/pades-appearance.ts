/**
 * The visible signature block in the style of Decree 30/2020 Phụ lục I (vn-standards §3.6):
 * signer, position, agency and the signing time in ISO 8601 (Vietnam time), in a serif face that
 * covers Vietnamese. It is the widget's appearance stream, never page content, so a later signer's
 * block does not count as a change to the document under an earlier signature.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  appendBezierCurve,
  beginText,
  concatTransformationMatrix,
  drawObject,
  closePath,
  fill,
  lineTo,
  moveTo,
  type PDFOperator,
  setTextMatrix,
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
import { fontBytes } from '../../../../../platform/pdf/fonts.js';
import { formatVnSigningTime } from '../../../../../platform/pdf/vn-format.js';

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
  /**
   * Several widgets of the one signature field, each with its own place and look (the seal over the
   * leader's signature, the number, the date, the signature's text): `page`, `rect`, `lines` and
   * `anchor` are then ignored. Each widget is part of the signature, so later signers may add them.
   */
  widgets?: WidgetSpec[];
}

/** What a widget shows. */
export type Appearance =
  | {
      kind: 'text';
      lines: string[];
      size?: number;
      color?: 'blue' | 'black' | 'red';
      align?: 'left' | 'right' | 'center';
      italic?: boolean;
      border?: boolean;
    }
  /**
   * The signer's signature image, a caption under it: his own PNG (chữ ký mẫu) when `image` is given,
   * else his name in blue handwriting-like italics over a flourish.
   */
  | { kind: 'signature'; name: string; caption?: string[]; image?: Uint8Array }
  /** The agency's round red seal: its name around the ring, a star in the middle. */
  | { kind: 'seal'; agency: string; centre?: string };

export interface WidgetSpec {
  page: number;
  rect: { x: number; y: number; width: number; height: number };
  appearance: Appearance;
}

export interface BlockText {
  signer: string;
  position?: string | null;
  agency?: string | null;
  at: Date;
}

export function blockLines(t: BlockText): string[] {
  return [
    `Ký bởi: ${t.signer}`,
    t.position ? `Chức vụ: ${t.position}` : null,
    t.agency ? `Cơ quan: ${t.agency}` : null,
    `Thời gian ký: ${formatVnSigningTime(t.at)}`,
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

const COLORS: Record<'blue' | 'black' | 'red', [number, number, number]> = {
  blue: [0.05, 0.2, 0.6],
  black: [0, 0, 0],
  red: [0.85, 0.05, 0.05],
};
const BLUE = COLORS.blue;

function fitSize(font: PDFFont, lines: string[], width: number, height: number, max = 10): number {
  const widest = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, max)));
  const byWidth = (max * (width - 8)) / Math.max(widest, 1);
  const byHeight = (height - 6) / (lines.length * 1.3);
  return Math.max(5, Math.min(max, byWidth, byHeight));
}

/** The faces embedded once per document (subset at save). */
const faces = new WeakMap<PDFDocument, Promise<{ regular: PDFFont; italic: PDFFont; bold: PDFFont }>>();
function fontsOf(doc: PDFDocument) {
  let f = faces.get(doc);
  if (!f) {
    doc.registerFontkit(fontkit);
    const b = fontBytes();
    f = Promise.all([
      doc.embedFont(b.regular, { subset: true, customName: 'EGOVSG+DejaVuSerif' }),
      doc.embedFont(b.italic, { subset: true, customName: 'EGOVSI+DejaVuSerif-Italic' }),
      doc.embedFont(b.bold, { subset: true, customName: 'EGOVSB+DejaVuSerif-Bold' }),
    ]).then(([regular, italic, bold]) => ({ regular, italic, bold }));
    faces.set(doc, f);
  }
  return f;
}

type Fonts = Awaited<ReturnType<typeof fontsOf>>;
const resources = (f: Fonts) => ({ Font: { F1: f.regular.ref, F2: f.italic.ref, F3: f.bold.ref } });

function textOps(f: Fonts, a: Extract<Appearance, { kind: 'text' }>, width: number, height: number): PDFOperator[] {
  const font = a.italic ? f.italic : f.regular;
  const lines = a.lines.map((l) => l.normalize('NFC'));
  const size = a.size ?? fitSize(font, lines, width, height);
  const ops: PDFOperator[] = [pushGraphicsState()];
  if (a.border)
    ops.push(setStrokingRgbColor(...BLUE), setLineWidth(0.8), rectangle(0.5, 0.5, width - 1, height - 1), stroke());
  ops.push(setFillingRgbColor(...COLORS[a.color ?? 'blue']));
  const lead = size * 1.3;
  let y = a.border ? height - 4 - size : height - size;
  for (const line of lines) {
    const w = font.widthOfTextAtSize(line, size);
    const x =
      a.align === 'right' ? width - w - (a.border ? 4 : 0) : a.align === 'center' ? (width - w) / 2 : a.border ? 4 : 0;
    ops.push(
      beginText(),
      setFontAndSize(a.italic ? 'F2' : 'F1', size),
      moveText(x, y),
      showText(font.encodeText(line)),
      endText(),
    );
    y -= lead;
  }
  ops.push(popGraphicsState());
  return ops;
}

function captionOps(f: Fonts, caption: string[], width: number, capSize: number, capHeight: number): PDFOperator[] {
  const ops: PDFOperator[] = [];
  let y = capHeight - capSize;
  for (const line of caption) {
    const w = f.regular.widthOfTextAtSize(line, capSize);
    ops.push(
      beginText(),
      setFontAndSize('F1', capSize),
      moveText(Math.max(0, (width - w) / 2), y),
      showText(f.regular.encodeText(line)),
      endText(),
    );
    y -= capSize * 1.25;
  }
  return ops;
}

/** The signer's own PNG, scaled to fit above the caption and centred (its proportions kept). */
function imageOps(
  f: Fonts,
  a: Extract<Appearance, { kind: 'signature' }>,
  img: { width: number; height: number },
  width: number,
  height: number,
): PDFOperator[] {
  const caption = (a.caption ?? []).map((l) => l.normalize('NFC'));
  const capSize = 6;
  const capHeight = caption.length * capSize * 1.25;
  const room = { width: width - 4, height: height - capHeight - 3 };
  const scale = Math.min(room.width / img.width, room.height / img.height);
  const w = img.width * scale;
  const h = img.height * scale;
  return [
    pushGraphicsState(),
    concatTransformationMatrix(w, 0, 0, h, (width - w) / 2, capHeight + 2 + (room.height - h) / 2),
    drawObject('Im1'),
    popGraphicsState(),
    pushGraphicsState(),
    setFillingRgbColor(...BLUE),
    ...captionOps(f, caption, width, capSize, capHeight),
    popGraphicsState(),
  ];
}

function signatureOps(
  f: Fonts,
  a: Extract<Appearance, { kind: 'signature' }>,
  width: number,
  height: number,
): PDFOperator[] {
  const caption = (a.caption ?? []).map((l) => l.normalize('NFC'));
  const capSize = 6;
  const capHeight = caption.length * capSize * 1.25;
  const name = a.name.normalize('NFC');
  const nameSize = Math.min(20, ((width - 10) * 20) / Math.max(f.italic.widthOfTextAtSize(name, 20), 1));
  const nameWidth = f.italic.widthOfTextAtSize(name, nameSize);
  const baseY = capHeight + (height - capHeight) * 0.45;
  const x0 = (width - nameWidth) / 2;
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    setFillingRgbColor(...BLUE),
    beginText(),
    setFontAndSize('F2', nameSize),
    moveText(x0, baseY),
    showText(f.italic.encodeText(name)),
    endText(),
    // A flourish under the name, as a pen would end it.
    setStrokingRgbColor(...BLUE),
    setLineWidth(1.1),
    moveTo(x0 - 2, baseY - nameSize * 0.35),
    appendBezierCurve(
      x0 + nameWidth * 0.3,
      baseY - nameSize * 0.75,
      x0 + nameWidth * 0.75,
      baseY - nameSize * 0.05,
      x0 + nameWidth + 4,
      baseY - nameSize * 0.45,
    ),
    stroke(),
  ];
  ops.push(...captionOps(f, caption, width, capSize, capHeight), popGraphicsState());
  return ops;
}

function sealOps(f: Fonts, a: Extract<Appearance, { kind: 'seal' }>, width: number, height: number): PDFOperator[] {
  const R = Math.min(width, height) / 2 - 1.5;
  const cx = width / 2;
  const cy = height / 2;
  const text = a.agency.normalize('NFC').toLocaleUpperCase('vi');
  const font = f.bold;
  let size = R * 0.17;
  const rt = () => R - 3 - size * 0.78;
  // Shrink until the name takes at most 300° of the ring.
  while (size > 4 && font.widthOfTextAtSize(text, size) / rt() > (300 * Math.PI) / 180) size *= 0.95;
  const radius = rt();
  const total = font.widthOfTextAtSize(text, size) / radius;
  const circle = (r: number): PDFOperator[] => {
    const k = 0.5523 * r;
    return [
      moveTo(cx + r, cy),
      appendBezierCurve(cx + r, cy + k, cx + k, cy + r, cx, cy + r),
      appendBezierCurve(cx - k, cy + r, cx - r, cy + k, cx - r, cy),
      appendBezierCurve(cx - r, cy - k, cx - k, cy - r, cx, cy - r),
      appendBezierCurve(cx + k, cy - r, cx + r, cy - k, cx + r, cy),
      closePath(),
    ];
  };
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    setStrokingRgbColor(...COLORS.red),
    setFillingRgbColor(...COLORS.red),
    setLineWidth(2),
    ...circle(R),
    stroke(),
    setLineWidth(0.8),
    ...circle(radius - size * 0.35),
    stroke(),
  ];
  // Each letter on the ring, upright towards the rim, clockwise from the left of the top.
  let theta = -total / 2;
  for (const ch of [...text]) {
    const cw = font.widthOfTextAtSize(ch, size);
    const mid = theta + cw / 2 / radius;
    const px = cx + radius * Math.sin(mid);
    const py = cy + radius * Math.cos(mid);
    const c = Math.cos(mid);
    const s = Math.sin(mid);
    ops.push(
      beginText(),
      setFontAndSize('F3', size),
      setTextMatrix(c, -s, s, c, px - (cw / 2) * c, py + (cw / 2) * s),
      showText(font.encodeText(ch)),
      endText(),
    );
    theta += cw / radius;
  }
  // A five-pointed star in the middle.
  const outer = R * 0.24;
  const inner = outer * 0.4;
  const star: PDFOperator[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const ang = (i * Math.PI) / 5;
    const x = cx + r * Math.sin(ang);
    const y = cy + r * Math.cos(ang);
    star.push(i === 0 ? moveTo(x, y) : lineTo(x, y));
  }
  ops.push(...star, closePath(), fill());
  if (a.centre) {
    const c = a.centre.normalize('NFC');
    const cs = Math.min(size * 0.9, ((radius - size) * 1.6 * size) / Math.max(font.widthOfTextAtSize(c, size), 1));
    const w = font.widthOfTextAtSize(c, cs);
    ops.push(
      beginText(),
      setFontAndSize('F3', cs),
      moveText(cx - w / 2, cy - outer - cs * 1.3),
      showText(font.encodeText(c)),
      endText(),
    );
  }
  ops.push(popGraphicsState());
  return ops;
}

/** A form XObject drawing one widget's look; returns its reference. */
export async function widgetAppearance(
  doc: PDFDocument,
  a: Appearance,
  width: number,
  height: number,
): Promise<PDFRef> {
  const f = await fontsOf(doc);
  if (a.kind === 'signature' && a.image) {
    const img = await doc.embedPng(a.image);
    const xobj = doc.context.formXObject(imageOps(f, a, img, width, height), {
      BBox: [0, 0, width, height],
      Resources: { ...resources(f), XObject: { Im1: img.ref } },
    });
    return doc.context.register(xobj);
  }
  const ops =
    a.kind === 'text'
      ? textOps(f, a, width, height)
      : a.kind === 'seal'
        ? sealOps(f, a, width, height)
        : signatureOps(f, a, width, height);
  const xobj = doc.context.formXObject(ops, { BBox: [0, 0, width, height], Resources: resources(f) });
  return doc.context.register(xobj);
}

/** A form XObject drawing the classic block (lines in a blue frame); returns its reference. */
export async function appearanceStream(
  doc: PDFDocument,
  lines: string[],
  width: number,
  height: number,
): Promise<PDFRef> {
  return widgetAppearance(doc, { kind: 'text', lines, border: true }, width, height);
}
