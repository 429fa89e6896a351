import { describe, expect, it } from 'vitest';
import { dayBounds, endOfWorkingDay, formatDate, formatDateTime, periodQuery, vnDate, vnInstant } from './dates';

describe('Vietnam dates', () => {
  it('reads the day in Vietnam, which starts at 17:00 UTC the day before', () => {
    expect(vnDate(new Date('2026-03-31T16:59:59Z'))).toBe('2026-03-31');
    expect(vnDate(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04-01');
    expect(vnInstant('2026-04-01')).toBe('2026-03-31T17:00:00.000Z');
    expect(endOfWorkingDay('2026-04-01')).toBe('2026-04-01T10:00:00.000Z');
  });

  it('turns the days a user picks into instants: inclusive bounds and the half-open period', () => {
    expect(dayBounds('2026-01-01', '2026-01-31')).toEqual({
      from: '2025-12-31T17:00:00.000Z',
      to: '2026-01-31T16:59:59.999Z',
    });
    expect(dayBounds()).toEqual({ from: undefined, to: undefined });
    expect(periodQuery('2026-02-01', '2026-02-28')).toEqual({
      from: '2026-01-31T17:00:00.000Z',
      to: '2026-02-28T17:00:00.000Z',
    });
  });

  it('shows days and times as dd/mm/yyyy in Vietnam time, a plain day unchanged', () => {
    expect(formatDate('2026-12-01', 'vi')).toBe('01/12/2026');
    expect(formatDate('2026-11-30T18:00:00Z', 'en')).toBe('01/12/2026');
    expect(formatDateTime('2026-12-01T07:05:00Z', 'vi')).toMatch(/14:05.*01\/12\/2026|01\/12\/2026.*14:05/);
    expect(formatDate(null, 'vi')).toBe('');
    expect(formatDate('not a date', 'vi')).toBe('not a date');
  });
});
