import { describe, expect, it } from 'vitest';
import { splitRange } from './reporting.repository.js';

describe('splitRange: whole months from the month facts, the ends from the day facts', () => {
  it('a range of whole months is months only', () => {
    expect(splitRange('2025-01-01', '2026-12-31')).toEqual({ months: ['2025-01-01', '2026-12-01'], days: [] });
    expect(splitRange('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02-01', '2026-02-01'], days: [] });
  });
  it('ragged ends are read from the day facts', () => {
    expect(splitRange('2026-03-15', '2026-06-10')).toEqual({
      months: ['2026-04-01', '2026-05-01'],
      days: [
        ['2026-03-15', '2026-03-31'],
        ['2026-06-01', '2026-06-10'],
      ],
    });
    expect(splitRange('2024-02-10', '2024-03-31')).toEqual({
      months: ['2024-03-01', '2024-03-01'],
      days: [['2024-02-10', '2024-02-29']],
    });
  });
  it('a range inside one month, or across two without a whole one, is days only', () => {
    expect(splitRange('2026-12-05', '2026-12-20')).toEqual({ months: null, days: [['2026-12-05', '2026-12-20']] });
    expect(splitRange('2026-11-20', '2026-12-10')).toEqual({ months: null, days: [['2026-11-20', '2026-12-10']] });
    expect(splitRange('2026-12-01', '2026-12-01')).toEqual({ months: null, days: [['2026-12-01', '2026-12-01']] });
  });
});
