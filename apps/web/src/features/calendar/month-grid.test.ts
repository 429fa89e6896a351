import { describe, expect, it } from 'vitest';
import { isWeekend, monthGrid } from './month-grid';

describe('monthGrid', () => {
  it('starts weeks on Monday and pads with nulls', () => {
    // 1 February 2026 is a Sunday.
    const feb = monthGrid(2026, 2);
    expect(feb[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(feb.at(-1)!.filter(Boolean).at(-1)).toBe('2026-02-28');
    expect(feb.every((w) => w.length === 7)).toBe(true);
  });

  it('knows leap years and weekends', () => {
    expect(monthGrid(2028, 2).flat().filter(Boolean)).toHaveLength(29);
    expect(isWeekend('2026-05-09')).toBe(true);
    expect(isWeekend('2026-05-11')).toBe(false);
  });
});
