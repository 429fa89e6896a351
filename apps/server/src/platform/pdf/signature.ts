import type { PDFPage } from 'pdf-lib';
import { stack, textBlock, type Block } from './blocks.js';
import type { Typesetter } from './typesetter.js';
import { placeAndDate } from './vn-format.js';

/** The signer's block at the foot of a document (Decree 30/2020, Phụ lục I). */
export interface SignatureSpec {
  /** Signer's capacity, printed bold uppercase: 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'CHỦ TỊCH'. */
  title: string;
  /** Lines above the title such as 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' are given as `authority`. */
  authority?: string;
  name?: string;
  /** With `date`, prints 'Hà Nội, ngày 02 tháng 03 năm 2026' above the title. */
  place?: string;
  date?: Date;
  /** Defaults to '(Ký và ghi rõ họ tên)'; null prints nothing. */
  hint?: string | null;
  /** Height left blank for the handwritten or digital signature, in points. */
  space?: number;
}

/** Where a signature goes: later modules put the digital signature's appearance here. */
export interface SignatureArea {
  pageIndex: number;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
}

/** A signature block centred in a column of `width`; `onArea` learns where the blank space landed. */
export function signatureBlock(
  ts: Typesetter,
  spec: SignatureSpec,
  width: number,
  onArea: (page: PDFPage, area: Omit<SignatureArea, 'pageIndex'>) => void,
): Block {
  const size = ts.baseSize;
  const parts: Block[] = [];
  if (spec.place && spec.date)
    parts.push(textBlock(ts, placeAndDate(spec.place, spec.date), width, { italic: true, align: 'center' }));
  if (spec.authority)
    parts.push(textBlock(ts, spec.authority.toLocaleUpperCase('vi'), width, { bold: true, align: 'center' }));
  parts.push(textBlock(ts, spec.title.toLocaleUpperCase('vi'), width, { bold: true, align: 'center' }));
  const hint = spec.hint === undefined ? '(Ký và ghi rõ họ tên)' : spec.hint;
  if (hint) parts.push(textBlock(ts, hint, width, { italic: true, align: 'center', size: size * 0.9 }));
  const head = stack(parts);
  const space = spec.space ?? size * 4.5;
  const name = spec.name ? textBlock(ts, spec.name, width, { bold: true, align: 'center' }) : { height: 0, draw() {} };
  return {
    height: head.height + space + name.height,
    draw(page, x, top) {
      head.draw(page, x, top);
      const spaceTop = top - head.height;
      onArea(page, { x, y: spaceTop - space, width, height: space, title: spec.title });
      name.draw(page, x, spaceTop - space);
    },
  };
}
