// Line breaking for styled text. pdf-lib draws strings as given (no shaping, no wrapping), so the
// builder measures words itself. Text is NFC-normalized first: DejaVu has the precomposed
// Vietnamese letters, and decomposed input would print as a base letter with loose marks.

/** A piece of text with its own weight and slant. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type RichText = string | TextRun[];

export interface RunStyle {
  bold: boolean;
  italic: boolean;
}

/** A drawable piece of one line. */
export interface LinePiece extends RunStyle {
  text: string;
  width: number;
}

export interface LaidLine {
  pieces: LinePiece[];
  width: number;
}

/** Width of `text` in the given style at the current size. */
export type Measure = (text: string, style: RunStyle) => number;

/** NFC, tabs and odd spaces to plain spaces, CRLF to LF. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u2028\u2029]/g, ' ');
}

/** Runs from a plain string or run list, with defaults applied and text cleaned. */
export function toRuns(content: RichText, base: RunStyle): (TextRun & RunStyle)[] {
  const list = typeof content === 'string' ? [{ text: content }] : content;
  return list.map((r) => ({ text: cleanText(r.text), bold: r.bold ?? base.bold, italic: r.italic ?? base.italic }));
}

type Word = { pieces: { text: string; style: RunStyle }[] };
type Token = { kind: 'word'; word: Word; space: RunStyle | null } | { kind: 'break' };

/** Splits runs into words; a word may span runs ('Mã hồ sơ:' bold then a regular value). */
function tokenize(runs: (TextRun & RunStyle)[]): Token[] {
  const tokens: Token[] = [];
  let word: Word | null = null;
  let pendingSpace: RunStyle | null = null;
  const flush = () => {
    if (word) tokens.push({ kind: 'word', word, space: pendingSpace });
    word = null;
    pendingSpace = null;
  };
  for (const run of runs) {
    const style = { bold: run.bold, italic: run.italic };
    for (const part of run.text.split(/(\n| +)/)) {
      if (part === '') continue;
      if (part === '\n') {
        flush();
        tokens.push({ kind: 'break' });
      } else if (part.startsWith(' ')) {
        if (word) flush();
        pendingSpace ??= style;
      } else {
        word ??= { pieces: [] };
        word.pieces.push({ text: part, style });
      }
    }
  }
  flush();
  return tokens;
}

function same(a: RunStyle, b: RunStyle): boolean {
  return a.bold === b.bold && a.italic === b.italic;
}

/**
 * Greedy line breaking into `firstWidth` for the first line and `width` for the others. Words
 * longer than a line (URLs, dossier codes) are cut between characters.
 */
export function layoutText(
  runs: (TextRun & RunStyle)[],
  width: number,
  measure: Measure,
  firstWidth = width,
): LaidLine[] {
  const lines: LaidLine[] = [];
  let line: LaidLine = { pieces: [], width: 0 };
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const push = (text: string, style: RunStyle) => {
    const w = measure(text, style);
    const last = line.pieces[line.pieces.length - 1];
    if (last && same(last, style)) {
      last.text += text;
      last.width += w;
    } else line.pieces.push({ text, width: w, ...style });
    line.width += w;
  };
  const endLine = () => {
    lines.push(line);
    line = { pieces: [], width: 0 };
  };
  const placeLong = (word: Word) => {
    for (const piece of word.pieces) {
      for (const ch of Array.from(piece.text)) {
        const w = measure(ch, piece.style);
        if (line.pieces.length > 0 && line.width + w > limit()) endLine();
        push(ch, piece.style);
      }
    }
  };
  for (const token of tokenize(runs)) {
    if (token.kind === 'break') {
      endLine();
      continue;
    }
    const wordWidth = token.word.pieces.reduce((s, p) => s + measure(p.text, p.style), 0);
    const spaceWidth = token.space && line.pieces.length > 0 ? measure(' ', token.space) : 0;
    if (line.pieces.length > 0 && line.width + spaceWidth + wordWidth > limit()) endLine();
    else if (spaceWidth > 0) push(' ', token.space!);
    if (wordWidth > limit()) placeLong(token.word);
    else for (const p of token.word.pieces) push(p.text, p.style);
  }
  if (line.pieces.length > 0 || lines.length === 0) endLine();
  return lines;
}
