/**
 * Dates as people in Vietnam read and type them: business days are calendar days in Asia/Ho_Chi_Minh
 * (UTC+7 all year, no daylight saving), shown as dd/mm/yyyy; the API takes and gives ISO instants.
 */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VN_OFFSET = '+07:00';

const locale = (lang: string) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** `YYYY-MM-DD` of an instant in Vietnam. */
export function vnDate(d: Date = new Date()): string {
  return d.toLocaleDateString('en-CA', { timeZone: VN_TIME_ZONE });
}

/** The instant of a wall-clock time on a day in Vietnam (`2026-05-04`, `17:00` → `2026-05-04T10:00:00.000Z`). */
export function vnInstant(day: string, time = '00:00:00'): string {
  return new Date(`${day}T${time}${VN_OFFSET}`).toISOString();
}

/** An inclusive period of days → the server's half-open [from, to) of instants. */
export function periodQuery(from: string, to: string): { from: string; to: string } {
  const end = new Date(vnInstant(to));
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: vnInstant(from), to: end.toISOString() };
}

/** Optional first and last days → the first and the last instant they cover. */
export function dayBounds(from?: string, to?: string): { from?: string; to?: string } {
  return {
    from: from ? vnInstant(from) : undefined,
    to: to ? vnInstant(to, '23:59:59.999') : undefined,
  };
}

/** A day typed in Vietnam → the end of that working day (17:00). */
export function endOfWorkingDay(day: string): string {
  return vnInstant(day, '17:00:00');
}

/** `01/12/2026`: a day (`YYYY-MM-DD`) or the day of an instant in Vietnam; '' for none, the input if unreadable. */
export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(locale(lang), {
    timeZone: VN_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/** `14:05 01/12/2026`: the full year and two-digit days, as Vietnamese forms write dates. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(lang), {
    timeZone: VN_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
