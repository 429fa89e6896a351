import { describe, expect, it } from 'vitest';
import { periodDueOn, periodicityOf, periodWindow } from './periods.js';

describe('Decree 09/2019 cut-off windows', () => {
  it('a month runs from the 15th of the month before to the 14th, across the new year too', () => {
    expect(periodWindow('2026-M11')).toMatchObject({ from: '2026-10-15', to: '2026-11-14' });
    expect(periodWindow('2026-M01')).toMatchObject({ from: '2025-12-15', to: '2026-01-14' });
  });
  it('quarters, 6 and 9 months and the year start on 15 December of the year before when they must', () => {
    expect(periodWindow('2026-Q1')).toMatchObject({ from: '2025-12-15', to: '2026-03-14' });
    expect(periodWindow('2026-Q4')).toMatchObject({ from: '2026-09-15', to: '2026-12-14' });
    expect(periodWindow('2026-H1')).toMatchObject({ from: '2025-12-15', to: '2026-06-14' });
    expect(periodWindow('2026-N9')).toMatchObject({ from: '2025-12-15', to: '2026-09-14' });
    expect(periodWindow('2026-Y')).toMatchObject({ from: '2025-12-15', to: '2026-12-14' });
  });
  it('refuses malformed keys', () => {
    expect(periodWindow('2026-M13')).toBeNull();
    expect(periodWindow('2026-Q5')).toBeNull();
    expect(periodicityOf('2026-A2')).toBe('ad_hoc');
  });
  it('names the period due on a day: the one whose cut-off passed last', () => {
    expect(periodDueOn('month', '2026-12-06')).toBe('2026-M11');
    expect(periodDueOn('month', '2026-12-15')).toBe('2026-M12');
    expect(periodDueOn('month', '2026-01-10')).toBe('2025-M12');
    expect(periodDueOn('quarter', '2026-12-06')).toBe('2026-Q3');
    expect(periodDueOn('quarter', '2026-12-15')).toBe('2026-Q4');
    expect(periodDueOn('year', '2026-12-06')).toBe('2025-Y');
    expect(periodDueOn('half', '2026-06-20')).toBe('2026-H1');
  });
});
