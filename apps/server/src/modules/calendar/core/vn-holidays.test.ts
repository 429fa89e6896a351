import { describe, expect, it } from 'vitest';
import { dayOfWeek } from './dates.js';
import { DEFAULT_HOLIDAY_RULES, validateHolidayRules, vnHolidays, type HolidayRules } from './vn-holidays.js';

const list = (year: number, rules?: HolidayRules) => vnHolidays(year, { rules }).map((h) => `${h.date} ${h.kind}`);
const weekdaysOff = (year: number, from: string, to: string, rules?: HolidayRules) =>
  vnHolidays(year, { rules })
    .filter((h) => h.date >= from && h.date <= to && dayOfWeek(h.date) % 6 !== 0)
    .map((h) => h.date);
const withTet = (daysBefore: number, daysAfter: number): HolidayRules => ({
  ...DEFAULT_HOLIDAY_RULES,
  rules: DEFAULT_HOLIDAY_RULES.rules.map((r) => (r.id === 'tet' ? { ...r, daysBefore, daysAfter } : r)),
});

describe('vnHolidays', () => {
  it('lists 2026', () => {
    expect(list(2026)).toEqual([
      '2026-01-01 holiday',
      '2026-02-15 holiday', // 28 tháng Chạp (a Sunday)
      '2026-02-16 holiday', // 29 tháng Chạp, the last day of Ất Tỵ
      '2026-02-17 holiday', // mùng 1
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 compensatory', // for the Sunday
      '2026-04-26 holiday', // Giỗ Tổ on a Sunday …
      '2026-04-27 compensatory', // … made up on Monday
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ]);
    expect(vnHolidays(2026)[0]!.name).toEqual({ vi: 'Tết Dương lịch', en: "New Year's Day" });
    expect(vnHolidays(2026).find((h) => h.date === '2026-04-27')?.name.vi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
  });

  it.each([
    // Announced Tết schedules for civil servants (first and last day off, weekends included).
    [2020, '2020-01-23', '2020-01-29'],
    [2021, '2021-02-10', '2021-02-16'],
    [2022, '2022-01-29', '2022-02-06'],
    [2023, '2023-01-20', '2023-01-26'],
    [2024, '2024-02-08', '2024-02-14'],
    [2025, '2025-01-25', '2025-02-02'],
    [2026, '2026-02-14', '2026-02-22'],
  ])('default Tết split reproduces the %i schedule %s … %s', (year, from, to) => {
    const off = weekdaysOff(year, `${year}-01-15`, `${year}-02-28`);
    expect(off).toHaveLength(5);
    expect(off.every((d) => d >= from && d <= to)).toBe(true);
  });

  it('can split Tết 1 + 4 instead', () => {
    expect(list(2026, withTet(1, 3)).slice(1, 6)).toEqual([
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
    ]);
  });

  it('makes up a Sunday New Year on Monday (2023)', () => {
    expect(list(2023).slice(0, 2)).toEqual(['2023-01-01 holiday', '2023-01-02 compensatory']);
  });

  it('makes up 30/4 and 1/5 on a weekend with the next two working days (2022)', () => {
    expect(list(2022).filter((d) => d >= '2022-04-30' && d < '2022-05-09')).toEqual([
      '2022-04-30 holiday',
      '2022-05-01 holiday',
      '2022-05-02 compensatory',
      '2022-05-03 compensatory',
    ]);
  });

  it('makes up a weekend holiday after a run of holidays, not inside it (Giỗ Tổ 2023 on Saturday)', () => {
    expect(list(2023).filter((d) => d >= '2023-04-29' && d < '2023-05-09')).toEqual([
      '2023-04-29 holiday',
      '2023-04-30 holiday',
      '2023-05-01 holiday',
      '2023-05-02 compensatory',
      '2023-05-03 compensatory',
    ]);
  });

  it('takes National Day as 1/9 + 2/9 unless a year says otherwise', () => {
    expect(list(2025).filter((d) => d.startsWith('2025-09'))).toEqual(['2025-09-01 holiday', '2025-09-02 holiday']);
    expect(list(2024).filter((d) => d.startsWith('2024-09'))).toEqual(['2024-09-02 holiday', '2024-09-03 holiday']);
    const after: HolidayRules = {
      ...DEFAULT_HOLIDAY_RULES,
      years: { 2026: { 'national-day': { daysBefore: 0, daysAfter: 1 } } },
    };
    expect(list(2026, after).filter((d) => d.startsWith('2026-09'))).toEqual([
      '2026-09-02 holiday',
      '2026-09-03 holiday',
    ]);
  });

  it('lets a year drop a rule and a deployment add one', () => {
    const rules: HolidayRules = {
      ...DEFAULT_HOLIDAY_RULES,
      rules: [
        ...DEFAULT_HOLIDAY_RULES.rules,
        { id: 'new-holiday', calendar: 'solar', month: 11, day: 24, name: { vi: 'Ngày lễ mới', en: 'A new holiday' } },
      ],
      years: { 2026: { 'new-year': null } },
    };
    const dates = vnHolidays(2026, { rules }).map((h) => h.date);
    expect(dates).not.toContain('2026-01-01');
    expect(dates).toContain('2026-11-24');
  });

  it('follows the configured weekend and can switch compensation off', () => {
    const sundayOnly = vnHolidays(2022, { weekend: [0] })
      .filter((h) => h.kind === 'compensatory')
      .map((h) => h.date);
    expect(sundayOnly).toContain('2022-05-02');
    expect(sundayOnly).not.toContain('2022-05-03');
    expect(
      vnHolidays(2022, { rules: { ...DEFAULT_HOLIDAY_RULES, compensateWeekends: false } }).some(
        (h) => h.kind === 'compensatory',
      ),
    ).toBe(false);
  });

  it('rejects a bad configuration with a message naming the entry', () => {
    const bad = (patch: Partial<HolidayRules>) => () => validateHolidayRules({ ...DEFAULT_HOLIDAY_RULES, ...patch });
    expect(bad({ rules: [{ id: 'x', calendar: 'lunar', month: 12, day: 30, name: { vi: 'x', en: 'x' } }] })).toThrow(
      /'x'/,
    );
    expect(
      bad({ rules: [{ id: 'x', calendar: 'solar', month: 1, day: 1, daysBefore: -1, name: { vi: 'x', en: 'x' } }] }),
    ).toThrow(RangeError);
    expect(bad({ years: { 2026: { nope: null } } })).toThrow(/unknown rule 'nope'/);
    expect(() => validateHolidayRules(DEFAULT_HOLIDAY_RULES)).not.toThrow();
  });
});
