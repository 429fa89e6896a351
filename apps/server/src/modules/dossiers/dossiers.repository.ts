import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { insertInto, type RawStatement } from '../../platform/db/insert.js';
import { one } from '../../platform/db/rows.js';
import { attachments, counters, dossiers, drafts, history } from './db/schema.js';

export type DossierRow = typeof dossiers.$inferSelect;
export type HistoryRow = typeof history.$inferSelect;
export type NewHistoryRow = typeof history.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;
export type DraftRow = typeof drafts.$inferSelect;

export interface DossierFilter {
  /** Applicant scope: own id, or `person:<ID>` (filed for them at the desk) when their identity is verified. */
  applicant?: { id: string; personKey: string | null };
  /** Staff scope: receiving agency codes. */
  agencyCodes?: string[];
  /** The receiving desk's scope: dossiers it received for another competent agency. */
  receivingAgencyCodes?: string[];
  states?: string[];
  assigneeId?: string;
  q?: string;
  overdueAt?: Date;
  page: number;
  pageSize: number;
}

/** What a list shows of a dossier (not its form data). */
const listColumns = {
  code: dossiers.code,
  procedureCode: dossiers.procedureCode,
  procedureName: dossiers.procedureName,
  agencyCode: dossiers.agencyCode,
  receivingAgencyCode: dossiers.receivingAgencyCode,
  applicantName: dossiers.applicantName,
  channel: dossiers.channel,
  state: dossiers.state,
  statusCode: dossiers.statusCode,
  submittedAt: dossiers.submittedAt,
  dueAt: dossiers.dueAt,
  extendedDueAt: dossiers.extendedDueAt,
  finishedAt: dossiers.finishedAt,
  assigneeId: dossiers.assigneeId,
  feeCollection: dossiers.feeCollection,
  feeAmount: dossiers.feeAmount,
  feePaidAt: dossiers.feePaidAt,
};
export type DossierListRow = Pick<DossierRow, keyof typeof listColumns>;

const LIST_SQL_COLUMNS =
  'id, code, procedure_code, procedure_name, agency_code, receiving_agency_code, applicant_name, channel, state, status_code, submitted_at, due_at, extended_due_at, finished_at, assignee_id, fee_collection, fee_amount, fee_paid_at';
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
function fromListSql(r: Record<string, unknown>): DossierListRow & { total: number } {
  return {
    code: r.code as string,
    procedureCode: r.procedure_code as string,
    procedureName: r.procedure_name as string,
    agencyCode: r.agency_code as string,
    receivingAgencyCode: (r.receiving_agency_code as string | null) ?? null,
    applicantName: r.applicant_name as string,
    channel: r.channel as DossierRow['channel'],
    state: r.state as string,
    statusCode: Number(r.status_code),
    submittedAt: date(r.submitted_at)!,
    dueAt: date(r.due_at),
    extendedDueAt: date(r.extended_due_at),
    finishedAt: date(r.finished_at),
    assigneeId: (r.assignee_id as string | null) ?? null,
    feeCollection: r.fee_collection as DossierRow['feeCollection'],
    feeAmount: Number(r.fee_amount),
    feePaidAt: date(r.fee_paid_at),
    total: Number(r.total),
  };
}

/** A dossier entered in its unit's register book of a year (use-cases/register-entry.ts). */
export interface RegisterTarget {
  dossierId: string;
  agencyCode: string;
  year: number;
  /** The name a new book takes (an existing book keeps its own). */
  book: string;
}

export const dossiersRepository = {
  /**
   * One statement: the book's next entry (the book is opened at 1 for a new unit or year), written on the
   * dossier; answers the book's name and the entry. The book's row stays locked until the transaction ends.
   */
  registerEntryStatement(t: RegisterTarget): SQL {
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
  },
  /** Inside a reception's transaction: enter the dossier in its unit's book of the year. */
  async takeRegisterEntry(tx: Executor, t: RegisterTarget): Promise<{ book: string; entry: number }> {
    const r = (await tx.execute(dossiersRepository.registerEntryStatement(t))) as unknown as
      { rows: { book: string; entry: number }[] } | { book: string; entry: number }[];
    const row = one(Array.isArray(r) ? r : r.rows, 'register entry');
    return { book: row.book, entry: Number(row.entry) };
  },

  /** Take `count` numbers of the day for the agency (atomic; numbers are never reused): returns the last. */
  async nextSequence(tx: Executor, agencyCode: string, day: string, count = 1): Promise<number> {
    const rows = await tx
      .insert(counters)
      .values({ agencyCode, day, last: count })
      .onConflictDoUpdate({
        target: [counters.agencyCode, counters.day],
        set: { last: sql`${counters.last} + ${count}` },
      })
      .returning({ last: counters.last });
    return one(rows, 'counter').last;
  },
  /** Statements for a batch of writes (`runBatch`). */
  insertStatement(row: typeof dossiers.$inferInsert) {
    return insertInto(dossiers, [row]);
  },
  insertAttachmentsStatement(rows: (typeof attachments.$inferInsert)[]) {
    return insertInto(attachments, rows);
  },
  addHistoryStatement(rows: (typeof history.$inferInsert)[]) {
    return insertInto(history, rows);
  },
  async insert(tx: Executor, row: typeof dossiers.$inferInsert) {
    return one(await tx.insert(dossiers).values(row).returning(), 'dossier');
  },
  async update(tx: Executor, id: string, patch: Partial<typeof dossiers.$inferInsert>) {
    return one(await tx.update(dossiers).set(patch).where(eq(dossiers.id, id)).returning(), 'dossier');
  },
  async byId(db: Executor, id: string) {
    return (await db.select().from(dossiers).where(eq(dossiers.id, id)))[0] ?? null;
  },
  async byCode(db: Executor, code: string) {
    return (await db.select().from(dossiers).where(eq(dossiers.code, code)))[0] ?? null;
  },
  /** Attach a dossier filed for `person:<ID>` to the account that claimed it (once). */
  async claim(tx: Executor, id: string, personKey: string, userId: string, at: Date) {
    return tx
      .update(dossiers)
      .set({ applicantId: userId, updatedAt: at })
      .where(and(eq(dossiers.id, id), eq(dossiers.applicantId, personKey)))
      .returning({ id: dossiers.id });
  },
  async lockByCode(tx: Executor, code: string) {
    return (await tx.select().from(dossiers).where(eq(dossiers.code, code)).for('update'))[0] ?? null;
  },
  async insertAttachments(tx: Executor, rows: (typeof attachments.$inferInsert)[]) {
    if (rows.length) await tx.insert(attachments).values(rows);
  },
  async attachments(db: Executor, dossierId: string) {
    return db.select().from(attachments).where(eq(attachments.dossierId, dossierId)).orderBy(asc(attachments.addedAt));
  },
  async addHistory(tx: Executor, row: typeof history.$inferInsert) {
    await tx.insert(history).values(row);
  },
  /** Open dossiers (not finished) assigned to each of these accounts, and how many of them are overdue. */
  async openLoad(db: Executor, assigneeIds: string[], now: Date) {
    if (!assigneeIds.length) return new Map<string, { open: number; overdue: number }>();
    const rows = await db
      .select({
        assigneeId: dossiers.assigneeId,
        open: sql<number>`count(*)::int`,
        overdue: sql<number>`count(*) filter (where coalesce(${dossiers.extendedDueAt}, ${dossiers.dueAt}) < ${now.toISOString()}::timestamptz)::int`,
      })
      .from(dossiers)
      .where(and(inArray(dossiers.assigneeId, assigneeIds), isNull(dossiers.finishedAt)))
      .groupBy(dossiers.assigneeId);
    return new Map(rows.map((r) => [r.assigneeId!, { open: Number(r.open), overdue: Number(r.overdue) }]));
  },
  /**
   * The desk's register (Mẫu 07): dossiers received in [from, to) either for the agencies given, or
   * at them for another competent agency; oldest first, at most `limit` (+1 to tell there are more).
   */
  async registerRows(db: Executor, f: { agencyCodes: string[]; from: Date; to: Date; limit: number }) {
    if (!f.agencyCodes.length) return [];
    return (
      db
        .select()
        .from(dossiers)
        .where(
          and(
            sql`${dossiers.receivedAt} >= ${f.from.toISOString()} and ${dossiers.receivedAt} < ${f.to.toISOString()}`,
            or(
              inArray(dossiers.receivingAgencyCode, f.agencyCodes),
              and(isNull(dossiers.receivingAgencyCode), inArray(dossiers.agencyCode, f.agencyCodes)),
            ),
          ),
        )
        // In the order of the books (unit, year, entry); dossiers received before the books existed last.
        .orderBy(
          asc(dossiers.registerAgencyCode),
          asc(dossiers.registerYear),
          asc(dossiers.registerEntry),
          asc(dossiers.receivedAt),
          asc(dossiers.id),
        )
        .limit(f.limit + 1)
    );
  },
  /** The steps of several dossiers, each dossier's in order. */
  async histories(db: Executor, dossierIds: string[]) {
    if (!dossierIds.length) return [];
    return db
      .select()
      .from(history)
      .where(inArray(history.dossierId, dossierIds))
      .orderBy(asc(history.at), asc(history.id));
  },
  async history(db: Executor, dossierId: string) {
    return db.select().from(history).where(eq(history.dossierId, dossierId)).orderBy(asc(history.at), asc(history.id));
  },
  async list(db: Executor, f: DossierFilter) {
    const conds: (SQL | undefined)[] = [];
    if (f.applicant) {
      conds.push(
        f.applicant.personKey
          ? inArray(dossiers.applicantId, [f.applicant.id, f.applicant.personKey])
          : eq(dossiers.applicantId, f.applicant.id),
      );
    }
    if (f.receivingAgencyCodes)
      conds.push(
        f.receivingAgencyCodes.length ? inArray(dossiers.receivingAgencyCode, f.receivingAgencyCodes) : sql`false`,
      );
    if (f.states?.length) conds.push(inArray(dossiers.state, f.states));
    if (f.assigneeId) conds.push(eq(dossiers.assigneeId, f.assigneeId));
    if (f.overdueAt) conds.push(and(lt(dossiers.dueAt, f.overdueAt), isNull(dossiers.finishedAt)));
    if (f.q) {
      const like = `%${likeEscape(f.q)}%`;
      // Both branches are served by trigram indexes (dossiers_code_trgm, dossiers_applicant_trgm).
      conds.push(
        or(sql`${dossiers.code} ilike ${like}`, sql`vn_fold(${dossiers.applicantName}) like vn_fold(${like})`),
      );
    }
    const rest = and(...conds);
    const where = f.agencyCodes
      ? and(f.agencyCodes.length ? inArray(dossiers.agencyCode, f.agencyCodes) : sql`false`, rest)
      : rest;
    const order = [
      f.agencyCodes ? sql`${dossiers.dueAt} asc nulls last` : desc(dossiers.submittedAt),
      desc(dossiers.id),
    ];
    const page = <T>(rows: (T & { total: number })[]) => ({ items: rows as T[], total: rows[0]?.total ?? 0 });
    // Whatever the box, one statement answers with the page and the total: a search counts its few
    // matches with a window; an inbox counts in a scalar subquery that PostgreSQL runs once.
    if (!f.q && f.agencyCodes && f.agencyCodes.length > 0) {
      // An inbox over an agency and its units: one index range scan per agency (agency, state, due_at),
      // merged, instead of fetching every matching row of every agency to sort them (docs/benchmarks.md).
      const limit = f.page * f.pageSize;
      const cols = sql.raw(LIST_SQL_COLUMNS);
      const parts = f.agencyCodes.map(
        (code) =>
          sql`(select ${cols} from dossiers.dossiers where agency_code = ${code}${rest ? sql` and ${rest}` : sql``} order by due_at asc nulls last, id desc limit ${limit})`,
      );
      const r = (await db.execute(
        sql`select d.*, (select count(*)::int from ${dossiers} where ${where}) as total from (${sql.join(parts, sql` union all `)}) d order by due_at asc nulls last, id desc limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
      )) as unknown as { rows: Record<string, unknown>[] };
      if (r.rows.length || f.page === 1) return page(r.rows.map(fromListSql));
    } else {
      const total = f.q
        ? sql<number>`count(*) over ()`
        : sql<number>`(select count(*)::int from ${dossiers} where ${where})`;
      const rows = await db
        .select({ ...listColumns, total: total.mapWith(Number) })
        .from(dossiers)
        .where(where)
        .orderBy(...order)
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      if (rows.length || f.page === 1) return page(rows);
    }
    // A page past the end: no row to carry the total.
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(dossiers)
        .where(where),
      'count',
    );
    return { items: [] as DossierListRow[], total: n };
  },

  async upsertDraft(db: Executor, row: typeof drafts.$inferInsert) {
    return one(
      await db
        .insert(drafts)
        .values(row)
        .onConflictDoUpdate({
          target: drafts.id,
          set: {
            formData: row.formData,
            attachments: row.attachments,
            agencyCode: row.agencyCode,
            step: row.step,
            updatedAt: row.updatedAt,
          },
        })
        .returning(),
      'draft',
    );
  },
  async draft(db: Executor, id: string) {
    return (await db.select().from(drafts).where(eq(drafts.id, id)))[0] ?? null;
  },
  async drafts(db: Executor, ownerId: string) {
    return db.select().from(drafts).where(eq(drafts.ownerId, ownerId)).orderBy(desc(drafts.updatedAt));
  },
  /** For a submission's batch: the draft it finishes, if it is the submitter's own (else nothing). */
  deleteDraftStatement(id: string, ownerId: string): RawStatement {
    return { text: 'delete from "dossiers"."drafts" where "id" = $1 and "owner_id" = $2', values: [id, ownerId] };
  },
  async deleteDraft(db: Executor, id: string, ownerId: string) {
    return db
      .delete(drafts)
      .where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerId)))
      .returning({ id: drafts.id });
  },
};
