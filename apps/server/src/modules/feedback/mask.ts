/**
 * Masks personal data in text about to be published: ID numbers (12-digit personal ID, 9-digit
 * old ID card, tax codes), phone numbers, e-mail addresses, street addresses (a house number with
 * a street, lane or alley), the names given (the submitter's, the officials'), and names after a
 * form of address (ông, bà, anh, chị, cán bộ …). What is masked becomes `***` or `[…]`; the rest
 * of the text stays as written.
 */
export interface MaskOptions {
  /** Names known to belong to the people involved (masked wherever they appear). */
  names?: (string | null | undefined)[];
}

const UPPER = 'A-ZÀ-ỸĐ';
const LOWER = 'a-zà-ỹđ';
const WORD = `[${UPPER}][${LOWER}]+`;
const TITLES =
  '(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Ee]m|[Cc]ô|[Cc]hú|[Bb]ác|[Cc]án bộ|[Cc]ông chức|[Đđ]ồng chí|[Gg]iám đốc|[Cc]hủ tịch|[Tt]rưởng phòng|[Pp]hó [Cc]hủ tịch)';

const rules: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/\b\d{10}-\d{3}\b/g, '[mã số]'],
  // Phone numbers: 0 or +84 then 9–10 digits, spaces or dots allowed between groups.
  [/(?:\+84|\b0)(?:[\s.-]?\d){8,10}\b/g, '[số điện thoại]'],
  // Personal ID (12 digits), old ID card (9), tax code with branch (10-3).
  [/\b\d{12}\b|\b\d{9,10}\b/g, '[số định danh]'],
  // Street addresses: "số 12 ngõ 34 phố Huế", "12/3 đường Lê Lợi", "nhà 5 hẻm 7".
  [
    new RegExp(
      `(?:\\b[Ss]ố\\s+|\\b[Nn]hà\\s+)?\\d+[A-Za-z]?(?:/\\d+)*\\s*,?\\s*(?:(?:ngõ|ngách|hẻm|kiệt|tổ|thôn|xóm|ấp|khu phố)\\s+\\d+[A-Za-z]?\\s*,?\\s*)*(?:phố|đường|Phố|Đường|ngõ|hẻm|ngách|Ngõ|Hẻm)\\s+(?:${WORD}|\\d+)(?:\\s+${WORD})*`,
      'gu',
    ),
    '[địa chỉ]',
  ],
  [new RegExp(`\\b${TITLES}\\s+(${WORD})(?:\\s+${WORD}){0,3}`, 'gu'), '$TITLE [họ tên]'],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with personal data masked (NFC in, NFC out). */
export function maskPersonalData(text: string, o: MaskOptions = {}): string {
  let out = text.normalize('NFC');
  const names = (o.names ?? [])
    .filter((n): n is string => !!n && n.trim().length >= 2)
    .map((n) => n.normalize('NFC').trim())
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    out = out.replace(new RegExp(escape(name), 'giu'), '[họ tên]');
    // The given name alone, when it is the last word of a full name of 2+ words ("anh Minh").
    const parts = name.split(/\s+/);
    if (parts.length >= 2) {
      const given = parts.slice(-2).join(' ');
      out = out.replace(new RegExp(`(?<![${LOWER}${UPPER}])${escape(given)}(?![${LOWER}${UPPER}])`, 'gu'), '[họ tên]');
    }
  }
  for (const [re, to] of rules) {
    out = out.replace(re, (m) => {
      if (to.startsWith('$TITLE')) {
        const title = new RegExp(`^${TITLES}`, 'u').exec(m)?.[0] ?? '';
        return `${title} [họ tên]`;
      }
      return to;
    });
  }
  return out;
}
