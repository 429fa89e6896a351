/**
 * Mã số hồ sơ (TT 01/2018/TT-VPCP Art 19): `{receiving agency code}-{YYMMDD}-{NNNN}`, the date being
 * the receipt date in Asia/Ho_Chi_Minh and NNNN the agency's daily sequence (more digits past 9999).
 * Production systems deviate (QĐ 20 codes, yyyyMMdd, 7 digits), so parsing is lenient.
 */
export const DOSSIER_CODE = /^([0-9A-Z.]{1,35})-(\d{6}|\d{8})-(\d{4,7})$/;

const VN_OFFSET_MS = 7 * 3600_000;

/** YYMMDD of an instant in Vietnam (UTC+7, no daylight saving). */
export function vnDay(at: Date): string {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function formatDossierCode(agencyCode: string, day: string, seq: number): string {
  return `${agencyCode}-${day}-${String(seq).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { agencyCode: string; date: string; seq: number } | null {
  const m = DOSSIER_CODE.exec(code.trim().toUpperCase());
  return m ? { agencyCode: m[1], date: m[2], seq: Number(m[3]) } : null;
}
