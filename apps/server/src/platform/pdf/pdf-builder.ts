import { PDFDocument, type PDFPage } from 'pdf-lib';
import {
  gap,
  qrBlock,
  sideBySide,
  stack,
  textBlock,
  type Block,
  type QrOptions,
  type TextBlockOptions,
} from './blocks.js';
import { embedFonts } from './fonts.js';
import { signatureBlock, type SignatureArea, type SignatureSpec } from './signature.js';
import { drawTable, type FlowCursor, type TableColumn, type TableOptions } from './table.js';
import type { RichText } from './text-layout.js';
import { Typesetter } from './typesetter.js';

const MM = 72 / 25.4;

/** Page sizes in points, portrait. */
export const PAGE_SIZES = { A4: [595.28, 841.89], A5: [419.53, 595.28] } as const;
export type PageSize = keyof typeof PAGE_SIZES;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

// Decree 30/2020 margins for A4 (top/bottom 20 mm, left 30 mm, right 15 mm), scaled down for A5 forms.
const DEFAULT_MARGINS: Record<PageSize, Margins> = {
  A4: { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM },
  A5: { top: 10 * MM, right: 10 * MM, bottom: 10 * MM, left: 15 * MM },
};

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Stamped as creation and modification date; passed in so equal input gives equal bytes. */
  createdAt: Date;
  /** BCP 47 language of the text (default 'vi-VN'). */
  language?: string;
}

export interface PdfBuilderOptions {
  pageSize?: PageSize;
  /** Landscape turns the page (registers with many columns); margins keep their sides. Default portrait. */
  orientation?: 'portrait' | 'landscape';
  margins?: Partial<Margins>;
  metadata: PdfMetadata;
  /** Body font size in points (default 11 on A4, 9 on A5). */
  fontSize?: number;
  /** Number pages from the second one, top centre (Decree 30 style). Default true. */
  pageNumbers?: boolean;
}

export interface TextOptions extends TextBlockOptions {
  /** Left indent of every line, in points. */
  indent?: number;
  /** Extra indent of the first line; negative for a hanging indent (list items). */
  firstLineIndent?: number;
}

export interface HeaderLine {
  text: string;
  bold?: boolean;
}

/** The two-column heading of a Vietnamese administrative document. */
export interface HeaderOptions {
  /** Issuing agency, top to bottom: parent agency (regular) then the agency itself (bold). Ruled under. */
  agency: HeaderLine[];
  /** Under the agency's rule, e.g. 'Số: 12/PXL-UBND'. */
  leftNote?: RichText;
  /** Under the motto, in italics: usually the place-and-date line. */
  rightNote?: RichText;
  /** Share of the width for the agency column (default 0.47). */
  split?: number;
  /** Default 90% of the body size. */
  size?: number;
}

/** Spec of one column in `row()`. */
export type RowCell = { width?: number } & (
  | { text: RichText; style?: TextBlockOptions }
  | { qr: string; options?: QrOptions }
  | { signature: SignatureSpec }
  | { stack: RowCell[]; gap?: number }
  | { empty: true }
);

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** A flowing document over pdf-lib: text, headers, tables, QR codes and signature blocks. */
export class PdfBuilder implements FlowCursor {
  page!: PDFPage;
  y = 0;
  readonly margins: Margins;
  readonly signatureAreas: SignatureArea[] = [];
  private readonly pageSize: readonly [number, number];

  private constructor(
    readonly doc: PDFDocument,
    readonly ts: Typesetter,
    private readonly opts: PdfBuilderOptions,
  ) {
    const size = opts.pageSize ?? 'A4';
    const [w, h] = PAGE_SIZES[size];
    this.pageSize = opts.orientation === 'landscape' ? [h, w] : [w, h];
    this.margins = { ...DEFAULT_MARGINS[size], ...opts.margins };
    this.newPage();
  }

  /** A new document with one empty page, fonts embedded and metadata set. */
  static async create(opts: PdfBuilderOptions): Promise<PdfBuilder> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const fonts = await embedFonts(doc);
    const m = opts.metadata;
    doc.setTitle(m.title.normalize('NFC'), { showInWindowTitleBar: true });
    if (m.author) doc.setAuthor(m.author.normalize('NFC'));
    if (m.subject) doc.setSubject(m.subject.normalize('NFC'));
    if (m.keywords) doc.setKeywords(m.keywords.map((k) => k.normalize('NFC')));
    doc.setCreator('egov-platform');
    doc.setProducer('egov-platform (pdf-lib)');
    doc.setCreationDate(m.createdAt);
    doc.setModificationDate(m.createdAt);
    doc.setLanguage(m.language ?? 'vi-VN');
    const base = opts.fontSize ?? (opts.pageSize === 'A5' ? 9 : 11);
    return new PdfBuilder(doc, new Typesetter(fonts, base, 1.3), opts);
  }

  get left(): number {
    return this.margins.left;
  }
  get width(): number {
    return this.pageSize[0] - this.margins.left - this.margins.right;
  }
  get bottom(): number {
    return this.margins.bottom;
  }
  get pageBody(): number {
    return this.pageSize[1] - this.margins.top - this.margins.bottom;
  }
  get pageCount(): number {
    return this.doc.getPageCount();
  }

  newPage(): void {
    this.page = this.doc.addPage([this.pageSize[0], this.pageSize[1]]);
    this.y = this.pageSize[1] - this.margins.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensureSpace(height: number): void {
    if (this.y - height < this.bottom - 0.01) this.newPage();
  }

  /** Vertical space; never carried over to a new page. */
  space(points: number): this {
    this.y = Math.max(this.y - points, this.bottom);
    return this;
  }

  /** Flowing text: wraps to the width (unless `wrap: false`) and continues on new pages line by line. */
  text(content: RichText, opts: TextOptions = {}): this {
    const indent = opts.indent ?? 0;
    const first = opts.firstLineIndent ?? 0;
    const size = opts.size ?? this.ts.baseSize;
    const lh = this.ts.lineHeight(size);
    if (opts.wrap === false || opts.underline)
      return this.block(textBlock(this.ts, content, this.width - indent, opts), indent);
    const width = this.width - indent;
    const lines = this.ts.lines(content, opts, width, width - first);
    this.space(opts.spaceBefore ?? 0);
    lines.forEach((line, i) => {
      this.ensureSpace(lh);
      const shift = i === 0 ? first : 0;
      this.ts.drawLine(this.page, line, this.left + indent + shift, this.y, width - shift, opts.align ?? 'left', size);
      this.y -= lh;
    });
    return this.space(opts.spaceAfter ?? 0);
  }

  /** Draws a measured block at the cursor, on a new page if it does not fit here. */
  block(block: Block, indent = 0): this {
    this.ensureSpace(block.height);
    block.draw(this.page, this.left + indent, this.y);
    this.y -= block.height;
    return this;
  }

  /** Text in the top margin of the current page, e.g. a form number ('Mẫu số 01'). */
  marginText(content: RichText, opts: TextBlockOptions = {}): this {
    const block = textBlock(this.ts, content, this.width, { size: this.ts.baseSize * 0.85, ...opts });
    block.draw(this.page, this.left, this.pageSize[1] - (this.margins.top - block.height) / 2);
    return this;
  }

  /** Agency on the left, the national name and motto on the right (Decree 30/2020, Phụ lục I). */
  header(opts: HeaderOptions): this {
    const size = opts.size ?? this.ts.baseSize * 0.9;
    const gutter = size * 0.6;
    const leftWidth = (this.width - gutter) * (opts.split ?? 0.47);
    const rightWidth = this.width - gutter - leftWidth;
    // All agency lines share one size, shrunk (to 88% at most) so the longest fits; past that they wrap evenly.
    const minLeft = size * 0.88;
    const leftSize = Math.min(
      ...opts.agency.map((l) => this.ts.fitSize(l.text, { size, bold: l.bold }, leftWidth, minLeft) ?? minLeft),
    );
    const left: Block[] = opts.agency.map((l, i) =>
      textBlock(this.ts, l.text, leftWidth, {
        size: leftSize,
        bold: l.bold,
        align: 'center',
        balance: true,
        underline: i === opts.agency.length - 1 ? 'short' : undefined,
      }),
    );
    if (opts.leftNote)
      left.push(textBlock(this.ts, opts.leftNote, leftWidth, { size, align: 'center', spaceBefore: size * 0.4 }));
    // The national name stays on one line whatever it takes.
    const right: Block[] = [
      textBlock(this.ts, NATIONAL_NAME, rightWidth, { size, bold: true, align: 'center', wrap: false, minScale: 0.5 }),
      textBlock(this.ts, NATIONAL_MOTTO, rightWidth, {
        size,
        bold: true,
        align: 'center',
        wrap: false,
        underline: 'full',
      }),
    ];
    if (opts.rightNote)
      right.push(
        textBlock(this.ts, opts.rightNote, rightWidth, {
          size,
          italic: true,
          align: 'center',
          spaceBefore: size * 0.4,
        }),
      );
    return this.block(
      sideBySide([
        { block: stack(left), offset: 0 },
        { block: stack(right), offset: leftWidth + gutter },
      ]),
    );
  }

  /** A bordered table with a header row, wrapping cells, repeated header on new pages. */
  table(columns: TableColumn[], rows: RichText[][], opts?: TableOptions): this {
    drawTable(this, this.ts, columns, rows, opts);
    return this;
  }

  /** A QR code at the cursor. */
  qr(text: string, opts: QrOptions = {}): this {
    return this.block(qrBlock(this.ts, text, this.width, opts));
  }

  /** Columns kept together on one page; widths are relative (default equal). */
  row(cells: RowCell[], opts: { gap?: number } = {}): this {
    const gutter = opts.gap ?? this.ts.baseSize;
    const total = cells.reduce((s, c) => s + (c.width ?? 1), 0);
    const usable = this.width - gutter * (cells.length - 1);
    let offset = 0;
    const placed = cells.map((cell) => {
      const w = ((cell.width ?? 1) / total) * usable;
      const block = this.cellBlock(cell, w);
      const at = offset;
      offset += w + gutter;
      return { block, offset: at };
    });
    return this.block(sideBySide(placed));
  }

  /** One signature on the right half, or several side by side. */
  signatureBlock(spec: SignatureSpec | SignatureSpec[]): this {
    const specs = Array.isArray(spec) ? spec : [spec];
    const cells: RowCell[] =
      specs.length === 1 ? [{ empty: true }, { signature: specs[0]! }] : specs.map((s) => ({ signature: s }));
    return this.row(cells);
  }

  private cellBlock(cell: RowCell, width: number): Block {
    if ('text' in cell) return textBlock(this.ts, cell.text, width, cell.style);
    if ('qr' in cell) return qrBlock(this.ts, cell.qr, width, cell.options);
    if ('stack' in cell)
      return stack(
        cell.stack.map((c) => this.cellBlock(c, width)),
        cell.gap ?? this.ts.baseSize * 0.5,
      );
    if ('signature' in cell) {
      return signatureBlock(this.ts, cell.signature, width, (page, area) =>
        this.signatureAreas.push({ ...area, pageIndex: this.doc.getPages().indexOf(page) }),
      );
    }
    return gap(0);
  }

  /** The PDF, without object streams so signature placeholders can be added later. */
  async save(): Promise<Uint8Array> {
    if (this.opts.pageNumbers !== false && this.pageCount > 1) {
      const size = this.ts.baseSize * 0.9;
      this.doc.getPages().forEach((page, i) => {
        if (i === 0) return;
        const label = textBlock(this.ts, String(i + 1), this.width, { size, align: 'center' });
        label.draw(page, this.left, this.pageSize[1] - this.margins.top / 2 + size / 2);
      });
    }
    return this.doc.save({ useObjectStreams: false });
  }
}
