import { VN_OFFSET_HOURS } from '../vn-time.js';
// The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's published algorithm
// ("Thuật toán tính âm lịch"): months begin on the local day of the astronomical new moon,
// month 11 is the one containing the winter solstice, and in a 13-month year the first month
// without a major solar term (trung khí) is the leap month. All of it is evaluated at UTC+7:
// that is the only thing that makes it Vietnamese rather than Chinese (UTC+8), and why Tết 1985
// fell on 21 January in Vietnam but 20 February in China.
// Accurate for roughly 1800–2199 (the new-moon series and ΔT terms are fitted to that span).

/** A date in the Vietnamese lunar calendar; `leap` marks the intercalary (nhuận) month. */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** Hours east of UTC for which the Vietnamese calendar is computed. */
export const VIETNAM_TIME_ZONE = VN_OFFSET_HOURS;

const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (the epoch of the new-moon series). */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

/** Julian day number of a Gregorian (or, before 1582-10-15, Julian) calendar date. */
export function jdFromDate(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  const jd =
    d +
    Math.floor((153 * mm + 2) / 5) +
    365 * yy +
    Math.floor(yy / 4) -
    Math.floor(yy / 100) +
    Math.floor(yy / 400) -
    32045;
  if (jd < 2299161) return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - 32083;
  return jd;
}

/** Calendar date of a Julian day number. */
export function jdToDate(jd: number): { y: number; m: number; d: number } {
  let b = 0;
  let c = jd + 32082;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    d: e - Math.floor((153 * m + 2) / 5) + 1,
    m: m + 3 - 12 * Math.floor(m / 10),
    y: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus-style series). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // Sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // Moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // Moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 += -0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 += -0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 += 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 += -0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 += -0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 += 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The Sun's apparent longitude in radians, normalised to [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const l = (L0 + dl) * DEG;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Which 30° sector (0–11) of the ecliptic the Sun is in at local midnight starting day `jd`. */
function sunSector(jd: number, tz: number): number {
  return Math.floor((sunLongitude(jd - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

const month11Cache = new Map<string, number>();

/** First day (JDN) of lunar month 11 that begins in solar year `y`, or late in `y - 1`. */
function lunarMonth11(y: number, tz: number): number {
  const key = `${y}@${tz}`;
  const cached = month11Cache.get(key);
  if (cached !== undefined) return cached;
  const off = jdFromDate(y, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz); // past 270°: the solstice is in the previous month
  month11Cache.set(key, nm);
  return nm;
}

/** In a leap year starting at month 11 `a11`, how many months after it the leap month comes. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a solar (Gregorian) date, in the Vietnamese calendar by default. */
export function solarToLunar(y: number, m: number, d: number, tz: number = VIETNAM_TIME_ZONE): LunarDate {
  const dayNumber = jdFromDate(y, m, d);
  // The mean-month estimate can be one lunation off near a new moon (2054-05-07 came out as day 0): step to the right one.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k, tz) > dayNumber) k--;
  while (newMoonDay(k + 1, tz) <= dayNumber) k++;
  const monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(y, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = y;
    a11 = lunarMonth11(y - 1, tz);
  } else {
    lunarYear = y + 1;
    b11 = lunarMonth11(y + 1, tz);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day: dayNumber - monthStart + 1, month, year: lunarYear, leap };
}

/**
 * The solar date of a lunar date. Throws a RangeError for a leap month the year does not have,
 * or for day 30 of a 29-day month (use "the day before 1st of next month" for "last day of the month").
 */
export function lunarToSolar(
  day: number,
  month: number,
  year: number,
  leap = false,
  tz: number = VIETNAM_TIME_ZONE,
): { y: number; m: number; d: number } {
  if (
    !Number.isInteger(day) ||
    day < 1 ||
    day > 30 ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12 ||
    !Number.isInteger(year)
  ) {
    throw new RangeError(`Not a lunar date: ${day}/${month}/${year}`);
  }
  const [a11, b11] =
    month < 11
      ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)]
      : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    const leapMonth = monthAtOffset(leapOff - 1);
    if (leap && month !== leapMonth) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(k + off, tz);
  if (day === 30 && newMoonDay(k + off + 1, tz) - monthStart < 30) {
    throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has only 29 days`);
  }
  return jdToDate(monthStart + day - 1);
}

/** The lunar month number `offset` months after month 11 (offset 0 = 11, 1 = 12, 2 = 1 …). */
function monthAtOffset(offset: number): number {
  return ((10 + offset) % 12) + 1;
}

/** The leap month (1–12) of the lunar year, or 0 when it has none. */
export function leapMonthOf(year: number, tz: number = VIETNAM_TIME_ZONE): number {
  // Months 1–10 of `year` lie in the period that starts at month 11 of year-1; months 11–12 in the next one.
  const periods: Array<[number, number, (month: number) => boolean]> = [
    [lunarMonth11(year - 1, tz), lunarMonth11(year, tz), (month) => month <= 10],
    [lunarMonth11(year, tz), lunarMonth11(year + 1, tz), (month) => month >= 11],
  ];
  for (const [a11, b11, belongsToYear] of periods) {
    if (b11 - a11 <= 365) continue;
    const month = monthAtOffset(leapMonthOffset(a11, tz) - 1);
    if (belongsToYear(month)) return month;
  }
  return 0;
}
