import type { PDFPage } from 'pdf-lib';
import { qrPath } from './qr.js';
import type { RichText } from './text-layout.js';
import { BLACK, type Align, type TextStyle, type Typesetter } from './typesetter.js';

/** Something measured before it is drawn, so it can be kept on one page or placed in a column. */
export interface Block {
  height: number;
  draw(page: PDFPage, x: number, top: number): void;
}

export interface TextBlockOptions extends TextStyle {
  align?: Align;
  /** When false, keep one line and shrink the size (down to `minScale`) to fit; wraps if it still does not fit. */
  wrap?: boolean;
  /** Smallest shrink factor for `wrap: false` (default 0.7). */
  minScale?: number;
  /** Wrap into lines of even length instead of filling the first ones (headings, agency names). */
  balance?: boolean;
  /** A rule under the text: 'full' as wide as the longest line, 'short' a third of it (Decree 30 header rules). */
  underline?: 'full' | 'short';
  spaceBefore?: number;
  spaceAfter?: number;
}

/** Text laid out in a column of `width`. */
export function textBlock(ts: Typesetter, content: RichText, width: number, opts: TextBlockOptions = {}): Block {
  let size = opts.size ?? ts.baseSize;
  if (opts.wrap === false) size = ts.fitSize(content, opts, width, size * (opts.minScale ?? 0.7)) ?? size;
  const style = { ...opts, size };
  const lines = opts.balance ? ts.balancedLines(content, style, width) : ts.lines(content, style, width);
  const lh = ts.lineHeight(size);
  const before = opts.spaceBefore ?? 0;
  const ruleGap = opts.underline ? size * 0.5 : 0;
  return {
    height: before + lines.length * lh + ruleGap + (opts.spaceAfter ?? 0),
    draw(page, x, top) {
      let y = top - before;
      let baseline = y;
      for (const line of lines) {
        baseline = ts.drawLine(page, line, x, y, width, opts.align ?? 'left', size);
        y -= lh;
      }
      if (opts.underline) {
        const widest = Math.max(...lines.map((l) => l.width));
        const length = opts.underline === 'full' ? widest : widest / 3;
        // Clear of the dot below (Vietnamese nặng tone) under the last line.
        const ruleY = baseline - size * 0.6;
        const align = opts.align ?? 'left';
        const rx = x + (align === 'center' ? (width - length) / 2 : align === 'right' ? width - length : 0);
        ts.rule(page, rx, ruleY, length, 0.6);
      }
    },
  };
}

/** Blocks one under the other. */
export function stack(blocks: Block[], gap = 0): Block {
  return {
    height: blocks.reduce((s, b) => s + b.height, 0) + gap * Math.max(blocks.length - 1, 0),
    draw(page, x, top) {
      let y = top;
      for (const b of blocks) {
        b.draw(page, x, y);
        y -= b.height + gap;
      }
    },
  };
}

/** Blocks side by side at the given x offsets. */
export function sideBySide(cells: { block: Block; offset: number }[]): Block {
  return {
    height: Math.max(0, ...cells.map((c) => c.block.height)),
    draw(page, x, top) {
      for (const c of cells) c.block.draw(page, x + c.offset, top);
    },
  };
}

/** Empty vertical space. */
export function gap(height: number): Block {
  return { height, draw() {} };
}

export interface QrOptions {
  /** Side of the code including its quiet zone, in points. */
  size?: number;
  align?: Align;
  /** Small text under the code, e.g. the lookup URL. */
  caption?: RichText;
  captionSize?: number;
}

/** A QR code of `text`, optionally captioned, aligned in a column of `width`. */
export function qrBlock(ts: Typesetter, text: string, width: number, opts: QrOptions = {}): Block {
  const side = Math.min(opts.size ?? 72, width);
  const { path, modules } = qrPath(text);
  const align = opts.align ?? 'left';
  const caption = opts.caption
    ? textBlock(ts, opts.caption, width, { size: opts.captionSize ?? ts.baseSize * 0.75, align })
    : gap(0);
  return {
    height: side + caption.height,
    draw(page, x, top) {
      const qx = x + (align === 'center' ? (width - side) / 2 : align === 'right' ? width - side : 0);
      page.drawSvgPath(path, { x: qx, y: top, scale: side / modules, color: BLACK });
      caption.draw(page, x, top - side);
    },
  };
}
