import type { Secrecy, Urgency } from './db/schema.js';
import { vnIsoDate, vnIsoDateTime, vnWallClock } from '../../platform/time/vn-time.js';

/**
 * Decree 30/2020 Art 15 and Phụ lục I: `Số: 05/QĐ-UBND`. Numbers below 10 get a leading zero; the
 * notation is `{type}-{agency}[-{drafting unit}]`, and Công văn (no type abbreviation) is `{agency}[-{unit}]`.
 */
export function formatCodeNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Document numbers start at 1: ${n}`);
  return String(n).padStart(2, '0');
}

export function formatNotation(
  typeAbbreviation: string | null,
  agencyAbbreviation: string,
  draftingUnit?: string | null,
): string {
  return [typeAbbreviation, agencyAbbreviation, draftingUnit]
    .filter((x): x is string => !!x && x.trim() !== '')
    .map((x) => x.trim())
    .join('-');
}

/** `15/QĐ-UBND` */
export function formatCode(codeNumber: string, codeNotation: string): string {
  return `${codeNumber}/${codeNotation}`;
}

/** Secret documents are numbered in their own series (Art 15(1)). */
export function seriesOf(secrecy: Secrecy): 'normal' | 'secret' {
  return secrecy === 'none' ? 'normal' : 'secret';
}

/** edXML `Priority`: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc (vn-standards §1.3, §3.3). */
export const PRIORITY: Record<Urgency, 0 | 1 | 2 | 3> = { normal: 0, urgent: 1, very_urgent: 2, express: 3 };

export function urgencyOf(priority: number | undefined): Urgency {
  if (priority === 1) return 'urgent';
  if (priority === 2) return 'very_urgent';
  if (priority === 3 || priority === 4) return 'express';
  return 'normal';
}

/** A record code (mã hồ sơ): `{OrganId}.{year}.{FileNotation}`, e.g. `000.06.16.G09.2010.01.TH` (TT 01/2019/TT-BNV Art 16(3)). */
export function formatRecordCode(organId: string, year: number, fileNotation: string): string {
  return `${organId}.${year}.${fileNotation}`;
}

/** FileNotation: String 20 of [0-9A-Z.] groups, e.g. `01.TH`. */
export const FILE_NOTATION = /^[0-9A-Z]+(\.[0-9A-Z]+)*$/;

/** The Vietnamese (UTC+7) calendar year and date of an instant. */
export function vnYear(at: Date): number {
  return vnWallClock(at).getUTCFullYear();
}
export { vnIsoDate as vnDate };

/** ISO 8601 with the Vietnam offset, to the second: `2026-03-02T09:15:30+07:00` (Phụ lục I, the seal's text). */
export { vnIsoDateTime };
