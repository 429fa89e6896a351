import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { FontSet } from './fonts.js';
import { layoutText, toRuns, type LaidLine, type Measure, type RichText, type RunStyle } from './text-layout.js';

export type Align = 'left' | 'center' | 'right';

/** How a piece of text looks. */
export interface TextStyle {
  size?: number;
  bold?: boolean;
  italic?: boolean;
}

export const BLACK = rgb(0, 0, 0);

/** Measures, breaks and draws lines of text with the document's fonts. */
export class Typesetter {
  constructor(
    readonly fonts: FontSet,
    readonly baseSize: number,
    /** Line height as a multiple of the font size; generous because Vietnamese stacks two marks on capitals. */
    readonly leading: number,
  ) {}

  font(style: RunStyle): PDFFont {
    if (style.bold) return this.fonts.bold;
    return style.italic ? this.fonts.italic : this.fonts.regular;
  }

  measure(size: number): Measure {
    return (text, style) => this.font(style).widthOfTextAtSize(text, size);
  }

  lineHeight(size: number): number {
    return size * this.leading;
  }

  /** Breaks content into lines no wider than `width` (`firstWidth` for the first line). */
  lines(content: RichText, style: TextStyle, width: number, firstWidth = width): LaidLine[] {
    const size = style.size ?? this.baseSize;
    const runs = toRuns(content, { bold: !!style.bold, italic: !!style.italic });
    return layoutText(runs, Math.max(width, 1), this.measure(size), Math.max(firstWidth, 1));
  }

  /** Like `lines`, but as even as possible: no single word left alone on the last line of a heading. */
  balancedLines(content: RichText, style: TextStyle, width: number): LaidLine[] {
    const lines = this.lines(content, style, width);
    if (lines.length < 2) return lines;
    // Narrow the measure as far as it goes without adding a line.
    let [lo, hi] = [width / lines.length, width];
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      if (this.lines(content, style, mid).length > lines.length) lo = mid;
      else hi = mid;
    }
    return this.lines(content, style, hi);
  }

  /** The size at which content fits on one line of `width`, no smaller than `minSize` (null if it never fits). */
  fitSize(content: RichText, style: TextStyle, width: number, minSize: number): number | null {
    const size = style.size ?? this.baseSize;
    const [line, more] = this.lines(content, { ...style, size: 1000 }, Number.MAX_SAFE_INTEGER);
    if (more) return null;
    // A hair under the exact fit, or rounding in the line breaker can still wrap it.
    const fitted = Math.min(size, (width / line!.width) * 1000 * 0.999);
    return fitted >= minSize ? fitted : null;
  }

  /** Draws one laid line whose line box starts at `top`; returns the baseline. */
  drawLine(page: PDFPage, line: LaidLine, x: number, top: number, width: number, align: Align, size: number): number {
    const baseline = top - this.lineHeight(size) + size * 0.3;
    let cx = x + (align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0);
    for (const piece of line.pieces) {
      page.drawText(piece.text, { x: cx, y: baseline, size, font: this.font(piece), color: BLACK });
      cx += piece.width;
    }
    return baseline;
  }

  /** A horizontal rule. */
  rule(page: PDFPage, x: number, y: number, length: number, thickness = 0.6): void {
    page.drawLine({ start: { x, y }, end: { x: x + length, y }, thickness, color: BLACK });
  }
}
