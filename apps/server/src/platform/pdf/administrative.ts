/**
 * An administrative document laid out as Decree 30/2020/NĐ-CP Phụ lục I draws it: the issuing agency
 * top left with the number and notation under it, Quốc hiệu and Tiêu ngữ top right with the place and
 * date under them, the type and the abstract (trích yếu), the body, the signer's block on the right and
 * Nơi nhận on the left. The number, the date and the signatures are left blank at their places and
 * reported as slots, so that issuing fills them in without covering any text.
 */
import type { PDFPage } from 'pdf-lib';
import { stack, textBlock, type Block } from './blocks.js';
import { NATIONAL_MOTTO, NATIONAL_NAME, PdfBuilder } from './pdf-builder.js';
import type { Typesetter } from './typesetter.js';

const MM = 72 / 25.4;

/** A rectangle on a page, in points from the lower-left corner. */
export interface PageRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where issuing writes and stamps: every slot is free of text. */
export interface DocumentLayout {
  /** The blank between `Số:` and `/QĐ-UBND`: the number, right-aligned against the notation. */
  number: PageRect & { size: number };
  /** The blank after `Hà Nội,`: `ngày 06 tháng 12 năm 2026`, italic. */
  date: PageRect & { size: number };
  /** The blank in the signer's block: the leader's signature image, the seal over its left third. */
  signature: PageRect;
  /** The agency signature's text (signed by, time), in the top margin of page 1. */
  sealInfo: PageRect;
}

export interface AdministrativeDocumentSpec {
  /** The agency above the issuer (regular capitals), when there is one. */
  parentAgency?: string | null;
  /** The issuing agency (bold capitals). */
  agency: string;
  /** `QĐ-UBND`: what follows the number. */
  notation: string;
  /** `Hà Nội`: the place before the date. */
  place: string;
  /** `QUYẾT ĐỊNH`; null for a Công văn, whose abstract goes under its number (`V/v …`). */
  typeTitle: string | null;
  subject: string;
  /** Công văn: `Kính gửi:` the addressees. */
  addressees?: string[];
  /** Căn cứ lines of a decision (italic), before the body. */
  preamble?: string[];
  /** Paragraphs; a paragraph starting with `Điều ` gets its heading bold. */
  body: string[];
  signer: { competence?: string | null; position: string; name: string };
  /** Nơi nhận lines (`- Như trên;`, `- Lưu: VT.`). */
  recipients: string[];
  title?: string;
  createdAt: Date;
}

const SIGNATURE_SPACE = 112;

function slotOf(page: PDFPage, doc: PdfBuilder, x: number, y: number, width: number, height: number): PageRect {
  return { page: doc.doc.getPages().indexOf(page), x, y, width, height };
}

/** One centred line whose middle part is left blank for a later fill; reports the blank. */
function lineWithBlank(
  ts: Typesetter,
  parts: { before: string; blank: string; after: string },
  width: number,
  style: { size: number; italic?: boolean },
  onSlot: (page: PDFPage, x: number, baseline: number, w: number) => void,
): Block {
  const font = ts.font({ bold: false, italic: !!style.italic });
  const w = (s: string) => font.widthOfTextAtSize(s.normalize('NFC'), style.size);
  const total = w(parts.before) + w(parts.blank) + w(parts.after);
  const height = ts.lineHeight(style.size);
  return {
    height,
    draw(page, x, top) {
      const baseline = top - height + style.size * 0.3;
      const start = x + (width - total) / 2;
      if (parts.before) page.drawText(parts.before.normalize('NFC'), { x: start, y: baseline, size: style.size, font });
      const blankX = start + w(parts.before);
      if (parts.after)
        page.drawText(parts.after.normalize('NFC'), {
          x: blankX + w(parts.blank),
          y: baseline,
          size: style.size,
          font,
        });
      onSlot(page, blankX, baseline, w(parts.blank));
    },
  };
}

/** Renders the document; returns the PDF and the slots issuing fills. */
export async function renderAdministrativeDocument(
  spec: AdministrativeDocumentSpec,
): Promise<{ pdf: Uint8Array; layout: DocumentLayout }> {
  // Phụ lục I: A4, top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; body 13–14 pt.
  const b = await PdfBuilder.create({
    metadata: { title: spec.title ?? spec.subject, createdAt: spec.createdAt },
    margins: { top: 25 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    fontSize: 12.5,
  });
  const ts = b.ts;
  const size = 12;
  const layout: Partial<DocumentLayout> = {};
  const gutter = 8;
  const leftW = (b.width - gutter) * 0.44;
  const rightW = b.width - gutter - leftW;

  // Heading: two columns.
  const left: Block[] = [];
  if (spec.parentAgency)
    left.push(
      textBlock(ts, spec.parentAgency.toLocaleUpperCase('vi'), leftW, { size, align: 'center', balance: true }),
    );
  left.push(
    textBlock(ts, spec.agency.toLocaleUpperCase('vi'), leftW, {
      size,
      bold: true,
      align: 'center',
      balance: true,
      underline: 'short',
    }),
  );
  left.push(
    lineWithBlank(
      ts,
      { before: 'Số: ', blank: '0000', after: `/${spec.notation}` },
      leftW,
      { size },
      (page, x, bl, w) => {
        layout.number = { ...slotOf(page, b, x + 0.5, bl - size * 0.3, w - 1, size * 1.2), size };
      },
    ),
  );
  if (!spec.typeTitle)
    left.push(textBlock(ts, `V/v ${spec.subject}`, leftW, { size: size - 1, align: 'center', spaceBefore: 4 }));
  const right: Block[] = [
    textBlock(ts, NATIONAL_NAME, rightW, { size, bold: true, align: 'center', wrap: false, minScale: 0.5 }),
    textBlock(ts, NATIONAL_MOTTO, rightW, { size: size + 0.5, bold: true, align: 'center', underline: 'full' }),
    lineWithBlank(
      ts,
      { before: `${spec.place}, `, blank: 'ngày 00 tháng 00 năm 0000', after: '' },
      rightW,
      { size, italic: true },
      (page, x, bl, w) => {
        layout.date = { ...slotOf(page, b, x + 0.5, bl - size * 0.3, w + 2, size * 1.2), size };
      },
    ),
  ];
  const l = stack(left, 2);
  const r = stack(right, 2);
  b.block({
    height: Math.max(l.height, r.height),
    draw(page, x, top) {
      l.draw(page, x, top);
      r.draw(page, x + leftW + gutter, top);
    },
  });
  // The agency signature's text sits in the top margin of page 1, right, where nothing is printed.
  const page1 = b.doc.getPage(0);
  const pw = page1.getWidth();
  const ph = page1.getHeight();
  layout.sealInfo = { page: 0, x: pw - b.margins.right - 220, y: ph - b.margins.top + 8, width: 220, height: 52 };

  // Type and abstract.
  b.space(18);
  if (spec.typeTitle) {
    b.text(spec.typeTitle.toLocaleUpperCase('vi'), { bold: true, align: 'center', size: 13.5 });
    b.block(
      textBlock(ts, spec.subject, b.width * 0.8, { bold: true, align: 'center', balance: true, underline: 'short' }),
      b.width * 0.1,
    );
    b.space(12);
  } else {
    b.space(6);
  }
  if (spec.addressees?.length) {
    const [first, ...rest] = spec.addressees;
    b.text([{ text: 'Kính gửi: ', italic: false }, { text: first! }], { align: 'center' });
    for (const a of rest) b.text(a, { align: 'center' });
    b.space(10);
  }
  for (const p of spec.preamble ?? []) b.text(p, { italic: true, firstLineIndent: 10 * MM, spaceAfter: 3 });
  if (spec.preamble?.length) b.space(6);
  for (const p of spec.body) {
    const m = /^(Điều \d+\.)\s*(.*)$/su.exec(p);
    const content = m ? [{ text: `${m[1]} `, bold: true }, { text: m[2]! }] : p;
    b.text(content, { firstLineIndent: 10 * MM, spaceAfter: 5 });
  }
  b.space(10);

  // Signer on the right, Nơi nhận on the left, side by side and kept on one page.
  const signer: Block[] = [];
  if (spec.signer.competence)
    signer.push(
      textBlock(ts, spec.signer.competence.toLocaleUpperCase('vi'), rightW, { size, bold: true, align: 'center' }),
    );
  signer.push(
    textBlock(ts, spec.signer.position.toLocaleUpperCase('vi'), rightW, { size, bold: true, align: 'center' }),
  );
  const head = stack(signer);
  const name = textBlock(ts, spec.signer.name, rightW, { size: size + 0.5, bold: true, align: 'center' });
  const sigBlock: Block = {
    height: head.height + SIGNATURE_SPACE + name.height,
    draw(page, x, top) {
      head.draw(page, x, top);
      const spaceTop = top - head.height;
      layout.signature = slotOf(page, b, x, spaceTop - SIGNATURE_SPACE + 2, rightW, SIGNATURE_SPACE - 4);
      name.draw(page, x, spaceTop - SIGNATURE_SPACE);
    },
  };
  const recipients = stack([
    textBlock(ts, 'Nơi nhận:', leftW, { size: 11, bold: true, italic: true }),
    ...spec.recipients.map((line) => textBlock(ts, line, leftW, { size: 10 })),
  ]);
  b.block({
    height: Math.max(sigBlock.height, recipients.height),
    draw(page, x, top) {
      recipients.draw(page, x, top - ts.lineHeight(size) * 0.2);
      sigBlock.draw(page, x + leftW + gutter, top);
    },
  });
  const pdf = await b.save();
  return { pdf, layout: layout as DocumentLayout };
}
