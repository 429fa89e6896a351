import { describe, expect, it } from 'vitest';
import { vndInWords } from './money-words.js';

describe('amounts in Vietnamese words', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [11, 'Mười một đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi bốn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [114, 'Một trăm mười bốn đồng'],
    [2_000, 'Hai nghìn đồng'],
    [1_005, 'Một nghìn không trăm linh năm đồng'],
    [20_000, 'Hai mươi nghìn đồng'],
    [100_000, 'Một trăm nghìn đồng'],
    [135_000, 'Một trăm ba mươi lăm nghìn đồng'],
    [1_000_500, 'Một triệu năm trăm đồng'],
    [250_015_000, 'Hai trăm năm mươi triệu không trăm mười lăm nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [2_001_000_000_021, 'Hai nghìn tỷ không trăm linh một tỷ không trăm hai mươi mốt đồng'],
  ])('%i → %s', (n, words) => {
    expect(vndInWords(n)).toBe(words);
  });

  it('refuses fractions and negative amounts', () => {
    expect(() => vndInWords(1.5)).toThrow(RangeError);
    expect(() => vndInWords(-1)).toThrow(RangeError);
  });
});
