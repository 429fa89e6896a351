import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import { vnIsoDate } from '../../../platform/time/vn-time.js';

/*
 * The register numbering of a one-stop unit (sổ theo dõi hồ sơ, Mẫu 07; "Vào Sổ theo dõi hồ sơ, Quyển số …,
 * Số thứ tự …" on the receipt, Mẫu 01): each unit keeps one book a year, and a dossier takes the book's next
 * entry once, when it is first received, in the reception's own transaction. The book's row is locked from
 * that statement until the reception commits: a second desk receiving at the same time waits for it, a
 * reception that fails gives its number back (no gap), and a replayed request never reaches the statement
 * (its stored answer is returned) or meets the dossier already entered.
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

export interface RegisterTarget {
  dossierId: string;
  agencyCode: string;
  year: number;
  /** The name a new book takes (an existing book keeps its own). */
  book: string;
}

/**
 * One statement: the book's next entry (the book is opened at 1 for a new unit or year), written on the
 * dossier; answers the book's name and the entry.
 */
export function registerEntrySql(t: RegisterTarget): SQL {
  return sql`with n as (
      insert into "dossiers"."register_books" as b ("agency_code", "year", "book", "last")
      values (${t.agencyCode}, ${t.year}, ${t.book}, 1)
      on conflict ("agency_code", "year") do update set "last" = b."last" + 1
      returning b."book", b."last"
    )
    update "dossiers"."dossiers" as d
      set "register_agency_code" = ${t.agencyCode}, "register_year" = ${t.year},
          "register_book" = n."book", "register_entry" = n."last"
      from n where d."id" = ${t.dossierId}
      returning n."book" as "book", n."last" as "entry"`;
}

/** Inside a reception's transaction: enter the dossier in its unit's book of the year. */
export async function takeRegisterEntry(tx: Executor, t: RegisterTarget): Promise<{ book: string; entry: number }> {
  const r = (await tx.execute(registerEntrySql(t))) as unknown as
    { rows: { book: string; entry: number }[] } | { book: string; entry: number }[];
  const rows = Array.isArray(r) ? r : r.rows;
  const row = rows[0];
  if (!row) throw new Error('register entry: the dossier was not found');
  return { book: row.book, entry: Number(row.entry) };
}
