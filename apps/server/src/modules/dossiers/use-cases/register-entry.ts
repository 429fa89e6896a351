import { vnIsoDate } from '../../../platform/time/vn-time.js';

/*
 * The register numbering of a one-stop unit (sổ theo dõi hồ sơ, Mẫu 07; "Vào Sổ theo dõi hồ sơ, Quyển số …,
 * Số thứ tự …" on the receipt, Mẫu 01): each unit keeps one book a year, and a dossier takes the book's next
 * entry once, when it is first received, in the reception's own transaction. The book's row is locked from
 * that statement until the reception commits: a second desk receiving at the same time waits for it, a
 * reception that fails gives its number back (no gap), and a replayed request never reaches the statement
 * (its stored answer is returned) or meets the dossier already entered. The statement itself is the
 * repository's (`registerEntryStatement`, `takeRegisterEntry`).
 */

/** The unit whose book a dossier is entered in: the receiving desk's agency, else the competent agency. */
export const registerUnitOf = (d: { receivingAgencyCode: string | null; agencyCode: string }) =>
  d.receivingAgencyCode ?? d.agencyCode;

/** The year of the book: the reception's year in Vietnam. */
export const registerYearOf = (at: Date) => Number(vnIsoDate(at).slice(0, 4));

/** The book's name from ONE_STOP_REGISTER_BOOK: `{year}`, `{yy}` and `{agency}` replaced. */
export function registerBookName(template: string, year: number, agencyCode: string): string {
  return template
    .replaceAll('{year}', String(year))
    .replaceAll('{yy}', String(year % 100).padStart(2, '0'))
    .replaceAll('{agency}', agencyCode);
}
