// Public holidays (ngày nghỉ lễ, tết) of Vietnamese civil servants, kept as data so a deployment
// can follow a change in the law or a Prime Minister's yearly decision without a code change.
//
// Legal base: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14, in force 2021-01-01)
//  * Art 112(1): New Year 1/1 (1 day); Tết (5 days); Victory Day 30/4; Labour Day 1/5; National Day
//    2/9 "and one adjacent day before or after" (2 days); Hùng Kings' Commemoration 10/3 lunar.
//  * Art 112(3): every year the Prime Minister fixes the actual Tết days and the adjacent National Day.
//  * Art 111(3): a holiday that falls on a weekly rest day is made up on the next working day.
// Years before 2021 followed the Labour Code 2012 (one National Day): pass other rules for them.

import { addDays, dayOfWeek, formatIsoDate } from './dates.js';
import { lunarToSolar } from './lunar.js';

/** A label in both languages the platform speaks. */
export interface LocalizedName {
  vi: string;
  en: string;
}

/** One day off: a statutory holiday or the compensatory day (nghỉ bù) for one on a weekend. */
export interface Holiday {
  date: string;
  name: LocalizedName;
  kind: 'holiday' | 'compensatory';
}

/** Extra consecutive days around a rule's anchor date (the anchor itself is always a day off). */
export interface HolidaySpan {
  daysBefore?: number;
  daysAfter?: number;
}

/** A holiday anchored on a solar or a lunar date, possibly spanning several days. */
export interface HolidayRule extends HolidaySpan {
  id: string;
  name: LocalizedName;
  calendar: 'solar' | 'lunar';
  month: number;
  /** Day of month; for lunar rules 1–29, since not every lunar month has a 30th (use daysBefore for "the last day"). */
  day: number;
}

/** The whole holiday policy: the rules, per-year decisions, and whether weekend holidays are made up. */
export interface HolidayRules {
  rules: HolidayRule[];
  /** Year → rule id → that year's span (a yearly decision under Art 112(3)), or null to drop the rule that year. */
  years?: Record<number, Record<string, HolidaySpan | null>>;
  /** Art 111(3): give a compensatory day on the next working day for a holiday on a weekend day. */
  compensateWeekends: boolean;
}

/**
 * The default policy for civil servants.
 * Tết: the Labour Code only says "5 days" (Art 112(3) leaves the days to the Prime Minister). Default
 * 2 + 3: the last two days of the old lunar year and mùng 1–3, with weekend days made up after the
 * block. That reproduces every announced schedule 2019–2026 (e.g. 2020: 23/1–29/1, 2023: 20/1–26/1,
 * 2024: 8/2–14/2, 2025: 25/1–2/2, 2026: 14/2–22/2), whereas the often-quoted "1 + 4" (last day and
 * mùng 1–4) is a day late in 2020, 2021, 2023, 2024 and 2025. Set daysBefore 1 / daysAfter 3 for 1 + 4.
 * Swaps the government adds (hoán đổi: a Saturday worked to bridge a gap) are entered by an
 * administrator as extra days off and make-up working days.
 * National Day: 2/9 plus 1/9 by default; the years map holds the decisions known to differ.
 */
export const DEFAULT_HOLIDAY_RULES: HolidayRules = {
  rules: [
    { id: 'new-year', calendar: 'solar', month: 1, day: 1, name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
    {
      id: 'tet',
      calendar: 'lunar',
      month: 1,
      day: 1,
      daysBefore: 2,
      daysAfter: 2,
      name: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
    },
    {
      id: 'hung-kings',
      calendar: 'lunar',
      month: 3,
      day: 10,
      name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
    },
    {
      id: 'reunification',
      calendar: 'solar',
      month: 4,
      day: 30,
      name: { vi: 'Ngày Chiến thắng', en: 'Reunification Day' },
    },
    {
      id: 'labour-day',
      calendar: 'solar',
      month: 5,
      day: 1,
      name: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
    },
    {
      id: 'national-day',
      calendar: 'solar',
      month: 9,
      day: 2,
      daysBefore: 1,
      name: { vi: 'Quốc khánh', en: 'National Day' },
    },
  ],
  years: {
    // The Prime Minister chose 3/9 in these years (2/9/2021 Thu + 3/9 Fri; 2/9/2024 Mon + 3/9 Tue).
    2021: { 'national-day': { daysBefore: 0, daysAfter: 1 } },
    2024: { 'national-day': { daysBefore: 0, daysAfter: 1 } },
  },
  compensateWeekends: true,
};

/** Throws a RangeError naming the bad entry, so a wrong configuration stops the start. */
export function validateHolidayRules(rules: HolidayRules): void {
  const ids = new Set<string>();
  const spanOk = (s: HolidaySpan) =>
    [s.daysBefore ?? 0, s.daysAfter ?? 0].every((n) => Number.isInteger(n) && n >= 0 && n <= 31);
  for (const r of rules.rules) {
    const maxDay = r.calendar === 'lunar' ? 29 : 31;
    if (!r.id || ids.has(r.id)) throw new RangeError(`Holiday rule id missing or duplicated: '${r.id}'`);
    ids.add(r.id);
    if (
      !Number.isInteger(r.month) ||
      r.month < 1 ||
      r.month > 12 ||
      !Number.isInteger(r.day) ||
      r.day < 1 ||
      r.day > maxDay
    ) {
      throw new RangeError(`Holiday rule '${r.id}': bad ${r.calendar} date ${r.day}/${r.month}`);
    }
    if (!spanOk(r)) throw new RangeError(`Holiday rule '${r.id}': daysBefore/daysAfter must be integers 0–31`);
  }
  for (const [year, decisions] of Object.entries(rules.years ?? {})) {
    for (const [id, span] of Object.entries(decisions)) {
      if (!ids.has(id)) throw new RangeError(`Holiday decision for ${year} names an unknown rule '${id}'`);
      if (span && !spanOk(span)) throw new RangeError(`Holiday decision for ${year}/'${id}': bad span`);
    }
  }
}

/** The statutory days (no compensation) of every rule anchored in `anchorYear` (solar or lunar year). */
function statutoryDays(rules: HolidayRules, anchorYear: number): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of rules.rules) {
    const decision = rules.years?.[anchorYear]?.[rule.id];
    if (decision === null) continue;
    const span = { ...rule, ...decision };
    const anchor =
      rule.calendar === 'solar'
        ? formatIsoDate({ y: anchorYear, m: rule.month, d: rule.day })
        : formatIsoDate(lunarToSolar(rule.day, rule.month, anchorYear));
    for (let i = -(span.daysBefore ?? 0); i <= (span.daysAfter ?? 0); i++) {
      out.push({ date: addDays(anchor, i), name: rule.name, kind: 'holiday' });
    }
  }
  return out;
}

/**
 * The days off of solar year `year`, sorted by date: statutory days, then one compensatory day per
 * statutory day that falls on a weekend day, on the first following day that is neither weekend,
 * holiday nor already a compensatory day (so a weekend inside a multi-day holiday is made up after it).
 */
export function vnHolidays(
  year: number,
  options: { rules?: HolidayRules; weekend?: readonly number[] } = {},
): Holiday[] {
  const rules = options.rules ?? DEFAULT_HOLIDAY_RULES;
  const weekend = new Set(options.weekend ?? [0, 6]);
  if (weekend.size >= 7) throw new RangeError('A week needs at least one working day');
  // Neighbouring years too: a lunar anchor or a compensatory day can cross 1 January.
  const byDate = new Map<string, Holiday>();
  for (const h of [year - 1, year, year + 1].flatMap((y) => statutoryDays(rules, y))) {
    if (!byDate.has(h.date)) byDate.set(h.date, h); // two holidays on one day give one day off
  }
  const statutory = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const days = [...statutory];
  if (rules.compensateWeekends) {
    for (const h of statutory) {
      if (!weekend.has(dayOfWeek(h.date))) continue;
      let d = addDays(h.date, 1);
      while (weekend.has(dayOfWeek(d)) || byDate.has(d)) d = addDays(d, 1);
      const comp: Holiday = {
        date: d,
        name: { vi: `Nghỉ bù ${h.name.vi}`, en: `${h.name.en} (day in lieu)` },
        kind: 'compensatory',
      };
      byDate.set(d, comp);
      days.push(comp);
    }
  }
  const prefix = `${String(year).padStart(4, '0')}-`;
  return days.filter((h) => h.date.startsWith(prefix)).sort((a, b) => a.date.localeCompare(b.date));
}
