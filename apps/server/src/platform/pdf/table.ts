import type { PDFPage } from 'pdf-lib';
import type { LaidLine, RichText } from './text-layout.js';
import { BLACK, type Align, type Typesetter } from './typesetter.js';

export interface TableColumn {
  header: RichText;
  /** Relative width; the columns share the content width in proportion. */
  width: number;
  align?: Align;
}

export interface TableOptions {
  size?: number;
  padding?: number;
  /** Repeat the header row at the top of each new page (default true). */
  repeatHeader?: boolean;
}

/** What a table needs from the document: the cursor and a way to start a page. */
export interface FlowCursor {
  readonly page: PDFPage;
  y: number;
  readonly left: number;
  readonly width: number;
  readonly bottom: number;
  /** Height available on a fresh page. */
  readonly pageBody: number;
  newPage(): void;
}

type Cells = LaidLine[][];

/**
 * A bordered table whose cells wrap. Rows that do not fit move to the next page under a repeated
 * header; a row taller than a whole page is split between its lines.
 */
export function drawTable(
  flow: FlowCursor,
  ts: Typesetter,
  columns: TableColumn[],
  rows: RichText[][],
  opts: TableOptions = {},
): void {
  const size = opts.size ?? ts.baseSize;
  const pad = opts.padding ?? size * 0.35;
  const lh = ts.lineHeight(size);
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * flow.width);
  const layout = (cells: RichText[], header: boolean): Cells =>
    widths.map((w, i) =>
      (header ? ts.balancedLines : ts.lines).call(ts, cells[i] ?? '', { size, bold: header }, w - 2 * pad),
    );
  const height = (cells: Cells) => Math.max(1, ...cells.map((c) => c.length)) * lh + 2 * pad;

  const header = layout(
    columns.map((c) => c.header),
    true,
  );
  const headerHeight = height(header);

  const drawRow = (cells: Cells, rowHeight: number, isHeader: boolean) => {
    let x = flow.left;
    cells.forEach((lines, i) => {
      const w = widths[i]!;
      flow.page.drawRectangle({
        x,
        y: flow.y - rowHeight,
        width: w,
        height: rowHeight,
        borderColor: BLACK,
        borderWidth: 0.5,
      });
      // Header cells are centred both ways; body cells start at the top.
      let top = flow.y - pad - (isHeader ? (rowHeight - 2 * pad - lines.length * lh) / 2 : 0);
      for (const line of lines) {
        ts.drawLine(
          flow.page,
          line,
          x + pad,
          top,
          w - 2 * pad,
          isHeader ? 'center' : (columns[i]!.align ?? 'left'),
          size,
        );
        top -= lh;
      }
      x += w;
    });
    flow.y -= rowHeight;
  };

  const startPage = () => {
    flow.newPage();
    if (opts.repeatHeader !== false) drawRow(header, headerHeight, true);
  };

  // Keep the header with at least the first line of the first row.
  if (flow.y - headerHeight - (lh + 2 * pad) < flow.bottom) flow.newPage();
  drawRow(header, headerHeight, true);

  for (const row of rows) {
    let cells = layout(row, false);
    for (;;) {
      const needed = height(cells);
      const available = flow.y - flow.bottom;
      if (needed <= available) {
        drawRow(cells, needed, false);
        break;
      }
      const fresh = flow.pageBody - (opts.repeatHeader !== false ? headerHeight : 0);
      const fit = Math.floor((available - 2 * pad) / lh);
      if (needed <= fresh || fit < 1) {
        if (available >= fresh - 0.01) {
          drawRow(cells, needed, false); // a fresh page cannot do better
          break;
        }
        startPage();
        continue;
      }
      const part = cells.map((lines) => lines.slice(0, fit));
      drawRow(part, height(part), false);
      cells = cells.map((lines) => lines.slice(fit));
      startPage();
    }
  }
}
