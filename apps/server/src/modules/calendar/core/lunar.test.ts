import { describe, expect, it } from 'vitest';
import { addDays, formatIsoDate, parseIsoDate } from './dates.js';
import { leapMonthOf, lunarToSolar, solarToLunar } from './lunar.js';

const iso = (d: { y: number; m: number; d: number }) => formatIsoDate(d);
const lunarOf = (date: string) => {
  const { y, m, d } = parseIsoDate(date);
  return solarToLunar(y, m, d);
};

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
  ])('Tết %i (mùng 1 tháng Giêng) is %s', (year, date) => {
    expect(iso(lunarToSolar(1, 1, year))).toBe(date);
    expect(lunarOf(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('differs from the Chinese calendar only through the time zone (1985, 2007)', () => {
    expect(iso(lunarToSolar(1, 1, 1985, false, 8))).toBe('1985-02-20');
    expect(iso(lunarToSolar(1, 1, 2007, false, 8))).toBe('2007-02-18');
    expect(leapMonthOf(1985)).toBe(2); // Vietnam: leap 2nd month of Ất Sửu; China had leap 10th in 1984
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3) %i is %s', (year, date) => {
    expect(iso(lunarToSolar(10, 3, year))).toBe(date);
  });

  it('knows the leap months of 2020, 2023 and 2025', () => {
    expect([2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => leapMonthOf(y))).toEqual([4, 0, 0, 2, 0, 6, 0]);
    expect(lunarOf('2023-02-20')).toEqual({ day: 1, month: 2, year: 2023, leap: false });
    expect(lunarOf('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarOf('2023-04-20')).toEqual({ day: 1, month: 3, year: 2023, leap: false });
    expect(lunarOf('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarOf('2020-05-23')).toEqual({ day: 1, month: 4, year: 2020, leap: true });
    expect(iso(lunarToSolar(1, 6, 2025, true))).toBe('2025-07-25');
    expect(iso(lunarToSolar(1, 6, 2025))).toBe('2025-06-25');
  });

  it('puts months 11 and 12 in the previous lunar year', () => {
    expect(lunarOf('2026-01-01')).toEqual({ day: 13, month: 11, year: 2025, leap: false });
    expect(lunarOf('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false }); // Ất Tỵ ends on the 29th
  });

  it('rejects leap months a year lacks and a 30th day a month lacks', () => {
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2024, true)).toThrow(RangeError);
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
  });

  it('round-trips every day of 1950–2100 and advances one lunar day per solar day', () => {
    let date = '1950-01-01';
    let prev = lunarOf(date);
    let failures = 0;
    while (date <= '2100-12-31') {
      const l = lunarOf(date);
      const back = iso(lunarToSolar(l.day, l.month, l.year, l.leap));
      const continues = l.day === prev.day + 1 || (l.day === 1 && (prev.day === 29 || prev.day === 30));
      if (back !== date || (date !== '1950-01-01' && !continues)) failures++;
      prev = l;
      date = addDays(date, 1);
    }
    expect(failures).toBe(0);
  });

  it('keeps Tết between 21 January and 20 February for 1900–2199', () => {
    for (let y = 1900; y <= 2199; y++) {
      const tet = iso(lunarToSolar(1, 1, y));
      expect(tet >= `${y}-01-21` && tet <= `${y}-02-20`, `${y}: ${tet}`).toBe(true);
    }
  });
});
