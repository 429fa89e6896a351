import { describe, expect, it } from 'vitest';
import {
  fromVnWallClock,
  vnCompactDateTime,
  vnDayRange,
  vnIsoDate,
  vnIsoDateTime,
  vnParts,
  VN_TIME_ZONE,
} from './vn-time.js';

describe('Vietnam time', () => {
  // 17:30 UTC on 1 March is 00:30 on 2 March in Hà Nội.
  const at = new Date('2026-03-01T17:30:05Z');

  it('reads the Vietnamese wall clock, across the date line at 17:00 UTC', () => {
    expect(vnIsoDate(at)).toBe('2026-03-02');
    expect(vnIsoDate(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(vnParts(at)).toEqual({ year: 2026, month: 3, day: 2, hour: 0, minute: 30, second: 5 });
    expect(vnIsoDateTime(at)).toBe('2026-03-02T00:30:05+07:00');
    expect(vnCompactDateTime(at)).toBe('20260302003005');
  });

  it('agrees with the IANA zone (no daylight saving)', () => {
    for (const iso of ['2026-01-15T03:00:00Z', '2026-07-15T20:45:00Z', '1999-12-31T17:00:00Z']) {
      const d = new Date(iso);
      const intl = new Intl.DateTimeFormat('en-CA', {
        timeZone: VN_TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(d);
      expect(vnIsoDate(d)).toBe(intl);
    }
  });

  it('turns a wall-clock time and a day back into instants', () => {
    expect(fromVnWallClock(2026, 3, 2, 0, 30, 5).toISOString()).toBe(at.toISOString());
    const { from, to } = vnDayRange('2026-03-02');
    expect(from.toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-02T17:00:00.000Z');
  });
});
