// Civil-date arithmetic on 'YYYY-MM-DD' strings. Everything goes through Date.UTC and getUTC*,
// so the machine's local time zone never leaks in.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** A calendar date without a time zone. */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** Parses 'YYYY-MM-DD', rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(date: string): CivilDate {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d) return { y, m, d };
  }
  throw new RangeError(`Not a valid calendar date (YYYY-MM-DD): '${date}'`);
}

/** Formats a civil date as 'YYYY-MM-DD'. */
export function formatIsoDate({ y, m, d }: CivilDate): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 for a civil date (an integer you can add to and compare). */
export function toEpochDay(date: string): number {
  const { y, m, d } = parseIsoDate(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The civil date of an epoch day. */
export function fromEpochDay(day: number): string {
  const t = new Date(day * MS_PER_DAY);
  return formatIsoDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** The date `n` days after (or before, when negative) `date`. */
export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}
