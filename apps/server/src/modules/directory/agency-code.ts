/** Decision 20/2020/QĐ-TTg form: level-1 group `MX1X2` leftmost, lower levels to the right; ≤ 35 chars. */
export const QD20_CODE = /^[A-Y]\d{2}(\.[0-9A-Z]+)*$/;
/** Legacy QCVN 102:2016 form: `V1V2V3.Z1Z2.Y1Y2.MX1X2`, level-1 group rightmost, zero-padded. */
export const LEGACY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export function isQd20Code(code: string): boolean {
  return code.length <= 35 && QD20_CODE.test(code);
}

export function isLegacyCode(code: string): boolean {
  return LEGACY_CODE.test(code);
}

/**
 * Derive the legacy form when the Decision 20 code has at most three numeric sub-groups that fit
 * the legacy widths: level 2 → `Y1Y2`, level 3 → `Z1Z2`, level 4 → `V1V2V3`
 * (`G12.18` → `000.00.18.G12`). Returns null when it cannot.
 */
export function deriveLegacyCode(code: string): string | null {
  if (!isQd20Code(code)) return null;
  const [level1, ...rest] = code.split('.');
  if (rest.length > 3 || rest.some((g) => !/^\d+$/.test(g))) return null;
  const widths = [2, 2, 3];
  const groups = rest.map((g, i) => (g.length <= widths[i]! ? g.padStart(widths[i]!, '0') : null));
  if (groups.some((g) => g === null)) return null;
  const [y = '00', z = '00', v = '000'] = groups as string[];
  return `${v}.${z}.${y}.${level1}`;
}

/** Normalise user input: trim, upper-case. */
export function normaliseAgencyCode(code: string): string {
  return code.trim().toUpperCase();
}
