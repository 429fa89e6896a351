// Vietnamese date and time wording for printed documents, always in Vietnam time (platform/time).
import { vnParts } from '../time/vn-time.js';

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
