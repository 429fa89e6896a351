import { describe, expect, it } from 'vitest';
import { cleanText, layoutText, toRuns, type Measure } from './text-layout.js';
import { formatVnCompactDateTime, formatVnDate, formatVnDateTime, placeAndDate } from './vn-format.js';

// One unit per character: easy to reason about.
const mono: Measure = (text) => Array.from(text).length;
const plain = { bold: false, italic: false };
const texts = (lines: ReturnType<typeof layoutText>) => lines.map((l) => l.pieces.map((p) => p.text).join(''));

describe('text layout', () => {
  it('fills lines greedily and keeps words whole', () => {
    expect(texts(layoutText(toRuns('Độc lập tự do hạnh phúc', plain), 10, mono))).toEqual([
      'Độc lập tự',
      'do hạnh',
      'phúc',
    ]);
  });
  it('cuts a word longer than the line between characters', () => {
    expect(texts(layoutText(toRuns('Mã 000.00.00.H26-260302-0001', plain), 10, mono))).toEqual([
      'Mã',
      '000.00.00.',
      'H26-260302',
      '-0001',
    ]);
  });
  it('honours hard line breaks and blank lines', () => {
    expect(texts(layoutText(toRuns('a\n\nb', plain), 10, mono))).toEqual(['a', '', 'b']);
  });
  it('keeps a word spanning two styles together and merges equal styles', () => {
    const lines = layoutText(
      toRuns([{ text: 'Mã hồ sơ: ' }, { text: 'ABC', bold: true }, { text: '.' }], plain),
      80,
      mono,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.pieces.map((p) => [p.text, p.bold])).toEqual([
      ['Mã hồ sơ: ', false],
      ['ABC', true],
      ['.', false],
    ]);
  });
  it('uses a different width for the first line (hanging indents)', () => {
    expect(texts(layoutText(toRuns('aa bb cc dd', plain), 5, mono, 2))).toEqual(['aa', 'bb cc', 'dd']);
  });
  it('normalizes decomposed Vietnamese to NFC', () => {
    const nfd = 'Nguyễn Thị Ánh Tuyết'.normalize('NFD');
    expect(cleanText(nfd)).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
    expect(cleanText('a\tb\r\nc')).toBe('a b\nc');
  });
});

describe('Vietnamese dates', () => {
  it('prints in Vietnam time whatever the machine zone', () => {
    const at = new Date('2026-03-01T20:30:00Z'); // 03:30 on 2 March in Hà Nội
    expect(formatVnDate(at)).toBe('ngày 02 tháng 03 năm 2026');
    expect(formatVnDateTime(at)).toBe('03 giờ 30 phút, ngày 02 tháng 03 năm 2026');
    expect(formatVnCompactDateTime(at)).toBe('03:30 02/03/2026');
    expect(placeAndDate('Hà Nội', at)).toBe('Hà Nội, ngày 02 tháng 03 năm 2026');
  });
});
