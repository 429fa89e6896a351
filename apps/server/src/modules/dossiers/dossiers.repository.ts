import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { insertInto } from '../../platform/db/insert.js';
import { attachments, counters, dossiers, drafts, history } from './db/schema.js';

export type DossierRow = typeof dossiers.$inferSelect;
export type HistoryRow = typeof history.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type DraftRow = typeof drafts.$inferSelect;

export interface DossierFilter {
  /** Applicant scope: own id, or filed for them at the counter under their ID number / tax code. */
  applicant?: { id: string; idNumber: string | null };
  /** Staff scope: receiving agency codes. */
  agencyCodes?: string[];
  states?: string[];
  assigneeId?: string;
  q?: string;
  overdueAt?: Date;
  page: number;
  pageSize: number;
}

export const dossiersRepository = {
  /** Take `count` numbers of the day for the agency (atomic; numbers are never reused): returns the last. */
  async nextSequence(tx: Executor, agencyCode: string, day: string, count = 1): Promise<number> {
    const rows = await tx
      .insert(counters)
      .values({ agencyCode, day, last: count })
      .onConflictDoUpdate({ target: [counters.agencyCode, counters.day], set: { last: sql`${counters.last} + ${count}` } })
      .returning({ last: counters.last });
    return rows[0].last;
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
    return (await tx.insert(dossiers).values(row).returning())[0];
  },
  async update(tx: Executor, id: string, patch: Partial<typeof dossiers.$inferInsert>) {
    return (await tx.update(dossiers).set(patch).where(eq(dossiers.id, id)).returning())[0];
  },
  async byCode(db: Executor, code: string) {
    return (await db.select().from(dossiers).where(eq(dossiers.code, code)))[0] ?? null;
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
  async history(db: Executor, dossierId: string) {
    return db.select().from(history).where(eq(history.dossierId, dossierId)).orderBy(asc(history.at), asc(history.id));
  },
  async list(db: Executor, f: DossierFilter) {
    const conds: (SQL | undefined)[] = [];
    if (f.applicant) {
      conds.push(f.applicant.idNumber ? or(eq(dossiers.applicantId, f.applicant.id), eq(dossiers.applicantIdNumber, f.applicant.idNumber)) : eq(dossiers.applicantId, f.applicant.id));
    }
    if (f.states?.length) conds.push(inArray(dossiers.state, f.states));
    if (f.assigneeId) conds.push(eq(dossiers.assigneeId, f.assigneeId));
    if (f.overdueAt) conds.push(and(lt(dossiers.dueAt, f.overdueAt), isNull(dossiers.finishedAt)));
    if (f.q) {
      const like = `%${likeEscape(f.q)}%`;
      // Both branches are served by trigram indexes (dossiers_code_trgm, dossiers_applicant_trgm).
      conds.push(or(sql`${dossiers.code} ilike ${like}`, sql`vn_fold(${dossiers.applicantName}) like vn_fold(${like})`));
    }
    const rest = and(...conds);
    const where = f.agencyCodes ? and(f.agencyCodes.length ? inArray(dossiers.agencyCode, f.agencyCodes) : sql`false`, rest) : rest;
    const order = [f.agencyCodes ? sql`${dossiers.dueAt} asc nulls last` : desc(dossiers.submittedAt), desc(dossiers.id)];
    if (f.q) {
      // A search matches few rows (trigram indexes): one query finds, counts and pages them.
      const rows = await db
        .select({ d: dossiers, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(dossiers)
        .where(where)
        .orderBy(...order)
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      if (rows.length || f.page === 1) return { items: rows.map((r) => r.d), total: rows[0]?.total ?? 0 };
    }
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(where);
    if (f.agencyCodes && f.agencyCodes.length > 1 && !f.q) {
      // An inbox over several agencies: one index range scan per agency (agency, state, due_at), merged,
      // instead of fetching every matching row of every agency to sort them (see docs/benchmarks.md).
      const limit = f.page * f.pageSize;
      const parts = f.agencyCodes.map(
        (code) => sql`(select id, due_at from dossiers.dossiers where agency_code = ${code}${rest ? sql` and ${rest}` : sql``} order by due_at asc nulls last, id desc limit ${limit})`,
      );
      const ids = (await db.execute(sql`select id from (${sql.join(parts, sql` union all `)}) d order by due_at asc nulls last, id desc limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`)) as unknown as {
        rows: { id: string }[];
      };
      const order = ids.rows.map((r) => r.id);
      const rows = order.length ? await db.select().from(dossiers).where(inArray(dossiers.id, order)) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { items: order.map((id) => byId.get(id)!).filter(Boolean), total: n };
    }
    const items = await db
      .select()
      .from(dossiers)
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    return { items, total: n };
  },

  async upsertDraft(db: Executor, row: typeof drafts.$inferInsert) {
    return (
      await db
        .insert(drafts)
        .values(row)
        .onConflictDoUpdate({ target: drafts.id, set: { formData: row.formData, attachments: row.attachments, agencyCode: row.agencyCode, updatedAt: row.updatedAt } })
        .returning()
    )[0];
  },
  async draft(db: Executor, id: string) {
    return (await db.select().from(drafts).where(eq(drafts.id, id)))[0] ?? null;
  },
  async drafts(db: Executor, ownerId: string) {
    return db.select().from(drafts).where(eq(drafts.ownerId, ownerId)).orderBy(desc(drafts.updatedAt));
  },
  async deleteDraft(db: Executor, id: string, ownerId: string) {
    return db.delete(drafts).where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerId))).returning({ id: drafts.id });
  },
};
