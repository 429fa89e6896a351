import { describe, expect, it } from 'vitest';
import { feeTotal, formatVnd } from './money';

describe('formatVnd', () => {
  it('groups thousands with dots and puts ₫ after a no-break space', () => {
    expect(formatVnd(1_000_000)).toBe('1.000.000\u00a0₫');
    expect(formatVnd(135000)).toBe('135.000\u00a0₫');
    expect(formatVnd(2000)).toBe('2.000\u00a0₫');
    expect(formatVnd(500)).toBe('500\u00a0₫');
    expect(formatVnd(0)).toBe('0\u00a0₫');
    expect(formatVnd(-1234567)).toBe('-1.234.567\u00a0₫');
    expect(formatVnd(999.6)).toBe('1.000\u00a0₫');
    expect(formatVnd(-0.3)).toBe('0\u00a0₫');
  });

  it('adds fee lines', () => {
    expect(feeTotal([{ amount: 50000 }, { amount: 100000 }])).toBe(150000);
    expect(feeTotal([])).toBe(0);
  });
});
