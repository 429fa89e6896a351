/**
 * Vietnam time, in one place. Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975,
 * so a fixed offset is exact: an instant shifted by it and read with `getUTC*` gives the wall clock in
 * Vietnam, whatever the machine's own time zone. Every module that prints, parses or buckets by a
 * Vietnamese date or time goes through these helpers (Decree 30 dates, edXML timestamps, dossier
 * codes, document registers, gateway timestamps, the working calendar).
 */

/** The IANA name, for `Intl.DateTimeFormat({ timeZone })`. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Hours east of UTC (the lunar calendar's time zone). */
export const VN_OFFSET_HOURS = 7;
/** Milliseconds east of UTC. */
export const VN_OFFSET_MS = VN_OFFSET_HOURS * 3_600_000;
/** The ISO 8601 offset suffix. */
export const VN_OFFSET = '+07:00';

/** The wall clock in Vietnam, as a Date whose UTC fields (`getUTCHours()`, …) are Vietnam's. */
export function vnWallClock(at: Date): Date {
  return new Date(at.getTime() + VN_OFFSET_MS);
}

/** The instant at a wall-clock time in Vietnam (month 1–12). */
export function fromVnWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS);
}

/** Calendar fields of an instant as seen in Vietnam (month 1–12). */
export function vnParts(at: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const d = vnWallClock(at);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** `2026-03-02`: the Vietnamese date of an instant. */
export function vnIsoDate(at: Date): string {
  return vnWallClock(at).toISOString().slice(0, 10);
}

/** `2026-03-02T09:15:30+07:00`: ISO 8601 in Vietnam time, to the second. */
export function vnIsoDateTime(at: Date): string {
  return `${vnWallClock(at).toISOString().slice(0, 19)}${VN_OFFSET}`;
}

/** `20260302091530` (`yyyyMMddHHmmss` in Vietnam time), as the payment gateways write it. */
export function vnCompactDateTime(at: Date): string {
  return vnWallClock(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** [00:00, 24:00) of a Vietnamese date `YYYY-MM-DD`, as instants. */
export function vnDayRange(isoDate: string): { from: Date; to: Date } {
  const from = new Date(`${isoDate}T00:00:00${VN_OFFSET}`);
  return { from, to: new Date(from.getTime() + 24 * 3_600_000) };
}
