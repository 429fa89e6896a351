// Vietnamese date and time wording for printed documents, always in Vietnam time (platform/time).
import { VN_OFFSET_MS, vnParts } from '../time/vn-time.js';

const pad = (n: number) => String(n).padStart(2, '0');

export { vnParts };

/** 'ngày 02 tháng 03 năm 2026' */
export function formatVnDate(at: Date): string {
  const p = vnParts(at);
  return `ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

/** '10 giờ 05 phút, ngày 02 tháng 03 năm 2026' */
export function formatVnDateTime(at: Date): string {
  return `${formatVnTime(at)}, ${formatVnDate(at)}`;
}

/** '10 giờ 05 phút' */
export function formatVnTime(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút`;
}

/** '10:05 02/03/2026', for narrow table cells. */
export function formatVnCompactDateTime(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.hour)}:${pad(p.minute)} ${formatVnShortDate(at)}`;
}

/** '02/03/2026' */
export function formatVnShortDate(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** 'Hà Nội, ngày 02 tháng 03 năm 2026', the place-and-date line of an administrative document. */
export function placeAndDate(place: string, at: Date): string {
  return `${place}, ${formatVnDate(at)}`;
}

/**
 * '06.12.2026 18:08:44 +07:00': the signing time as Vietnamese signed documents print it (Decree
 * 30/2020 Phụ lục I: date, hours-minutes-seconds and the Vietnam time zone).
 */
export function formatVnSigningTime(at: Date): string {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  const date = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time} +07:00`;
}
