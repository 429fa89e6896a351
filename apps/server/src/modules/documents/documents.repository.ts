import { and, asc, desc, eq, inArray, max, or, sql, type SQL } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { one } from '../../platform/db/rows.js';
import {
  agencySettings,
  comments,
  counters,
  documents,
  exchangeStatuses,
  history,
  recipients,
  recordItems,
  records,
  registerEntries,
  versions,
} from './db/schema.js';

export type DocumentRow = typeof documents.$inferSelect;
export type VersionRow = typeof versions.$inferSelect;
export type RecipientRow = typeof recipients.$inferSelect;
export type RecordRow = typeof records.$inferSelect;

export interface DocumentFilter {
  direction?: 'outgoing' | 'incoming';
  agencyCodes: string[];
  statuses?: string[];
  createdBy?: string;
  /** "My tasks": documents where the caller is the handler or in a handling unit, crossing agencies. */
  handler?: { userId: string; units: string[] };
  /** "My tasks": what the caller's roles act on next in their agencies, plus drafts returned to them and documents they handle. */
  tasksFor?: { userId: string; roles: string[]; units: string[] };
  q?: string;
  page: number;
  pageSize: number;
}

export const documentsRepository = {
  async insert(tx: Executor, row: typeof documents.$inferInsert) {
    return one(await tx.insert(documents).values(row).returning(), 'document');
  },
  async update(tx: Executor, id: string, patch: Partial<typeof documents.$inferInsert>) {
    return one(await tx.update(documents).set(patch).where(eq(documents.id, id)).returning(), 'document');
  },
  async byId(db: Executor, id: string) {
    return (await db.select().from(documents).where(eq(documents.id, id)))[0] ?? null;
  },
  async lockById(tx: Executor, id: string) {
    return (await tx.select().from(documents).where(eq(documents.id, id)).for('update'))[0] ?? null;
  },
  async byPackageId(db: Executor, packageId: string) {
    return (await db.select().from(documents).where(eq(documents.packageId, packageId)))[0] ?? null;
  },
  /** The incoming document of `agencyCode` with this edXML DocumentId (newest first). */
  async incomingByExternalId(db: Executor, agencyCodes: string[], externalId: string) {
    return (
      (
        await db
          .select()
          .from(documents)
          .where(
            and(
              eq(documents.direction, 'incoming'),
              eq(documents.externalId, externalId),
              inArray(documents.agencyCode, agencyCodes),
            ),
          )
          .orderBy(desc(documents.createdAt))
          .limit(1)
      )[0] ?? null
    );
  },

  async insertVersion(tx: Executor, row: Omit<typeof versions.$inferInsert, 'version'>) {
    const { last } = one(
      await tx
        .select({ last: max(versions.version) })
        .from(versions)
        .where(eq(versions.documentId, row.documentId)),
      'max',
    );
    return one(
      await tx
        .insert(versions)
        .values({ ...row, version: (last ?? 0) + 1 })
        .returning(),
      'document version',
    );
  },
  async versions(db: Executor, documentId: string) {
    return db.select().from(versions).where(eq(versions.documentId, documentId)).orderBy(asc(versions.version));
  },
  async hasFile(db: Executor, documentId: string, fileId: string) {
    return (
      (
        await db
          .select({ id: versions.id })
          .from(versions)
          .where(and(eq(versions.documentId, documentId), eq(versions.fileId, fileId)))
      ).length > 0
    );
  },

  async addComment(tx: Executor, row: typeof comments.$inferInsert) {
    await tx.insert(comments).values(row);
  },
  async comments(db: Executor, documentId: string) {
    return db
      .select()
      .from(comments)
      .where(eq(comments.documentId, documentId))
      .orderBy(asc(comments.at), asc(comments.id));
  },
  async addHistory(tx: Executor, row: typeof history.$inferInsert) {
    await tx.insert(history).values(row);
  },
  async history(db: Executor, documentId: string) {
    return db
      .select()
      .from(history)
      .where(eq(history.documentId, documentId))
      .orderBy(asc(history.at), asc(history.id));
  },

  async insertRecipients(tx: Executor, rows: (typeof recipients.$inferInsert)[]) {
    if (rows.length) await tx.insert(recipients).values(rows);
  },
  async recipients(db: Executor, documentId: string) {
    return db
      .select()
      .from(recipients)
      .where(eq(recipients.documentId, documentId))
      .orderBy(asc(recipients.agencyCode));
  },
  async updateRecipient(
    tx: Executor,
    documentId: string,
    agencyCode: string,
    patch: Partial<typeof recipients.$inferInsert>,
  ) {
    return (
      (
        await tx
          .update(recipients)
          .set(patch)
          .where(and(eq(recipients.documentId, documentId), eq(recipients.agencyCode, agencyCode)))
          .returning()
      )[0] ?? null
    );
  },
  /** The recipient row for an organ id in either code form. */
  async recipientByOrgan(tx: Executor, documentId: string, organIds: string[]) {
    return (
      (
        await tx
          .select()
          .from(recipients)
          .where(
            and(
              eq(recipients.documentId, documentId),
              or(inArray(recipients.organId, organIds), inArray(recipients.agencyCode, organIds)),
            ),
          )
      )[0] ?? null
    );
  },
  async addStatus(tx: Executor, row: typeof exchangeStatuses.$inferInsert) {
    await tx.insert(exchangeStatuses).values(row);
  },
  async statuses(db: Executor, documentId: string) {
    return db
      .select()
      .from(exchangeStatuses)
      .where(eq(exchangeStatuses.documentId, documentId))
      .orderBy(asc(exchangeStatuses.at), asc(exchangeStatuses.id));
  },

  /** The next number of a series (atomic under concurrency: the counter row is the lock; never reused). */
  async nextNumber(
    tx: Executor,
    k: { agencyCode: string; book: 'outgoing' | 'incoming'; series: string; year: number },
  ): Promise<number> {
    const rows = await tx
      .insert(counters)
      .values({ ...k, last: 1 })
      .onConflictDoUpdate({
        target: [counters.agencyCode, counters.book, counters.series, counters.year],
        set: { last: sql`${counters.last} + 1` },
      })
      .returning({ last: counters.last });
    return one(rows, 'counter').last;
  },
  /** The number `nextNumber` would give now (read outside a transaction, before the seal that shows it). */
  async peekNumber(
    db: Executor,
    k: { agencyCode: string; book: 'outgoing' | 'incoming'; series: string; year: number },
  ): Promise<number> {
    const rows = await db
      .select({ last: counters.last })
      .from(counters)
      .where(
        and(
          eq(counters.agencyCode, k.agencyCode),
          eq(counters.book, k.book),
          eq(counters.series, k.series),
          eq(counters.year, k.year),
        ),
      );
    return (rows[0]?.last ?? 0) + 1;
  },
  async insertRegisterEntry(tx: Executor, row: typeof registerEntries.$inferInsert) {
    await tx.insert(registerEntries).values(row);
  },
  async registerEntries(db: Executor, documentId: string) {
    return db
      .select()
      .from(registerEntries)
      .where(eq(registerEntries.documentId, documentId))
      .orderBy(asc(registerEntries.at));
  },
  /** Register rows of a book for a year, in number order, with their documents. */
  async register(db: Executor, agencyCodes: string[], book: 'outgoing' | 'incoming', year: number) {
    return db
      .select({ entry: registerEntries, doc: documents })
      .from(registerEntries)
      .innerJoin(documents, eq(documents.id, registerEntries.documentId))
      .where(
        and(
          inArray(registerEntries.agencyCode, agencyCodes),
          eq(registerEntries.book, book),
          eq(registerEntries.year, year),
        ),
      )
      .orderBy(asc(registerEntries.agencyCode), asc(registerEntries.series), asc(registerEntries.number));
  },

  async settings(db: Executor, agencyCode: string) {
    return (await db.select().from(agencySettings).where(eq(agencySettings.agencyCode, agencyCode)))[0] ?? null;
  },
  async allSettings(db: Executor) {
    return db.select().from(agencySettings).orderBy(asc(agencySettings.agencyCode));
  },
  async upsertSettings(db: Executor, row: typeof agencySettings.$inferInsert) {
    return one(
      await db
        .insert(agencySettings)
        .values(row)
        .onConflictDoUpdate({
          target: agencySettings.agencyCode,
          set: { abbreviation: row.abbreviation, place: row.place, updatedAt: row.updatedAt },
        })
        .returning(),
      'agency settings',
    );
  },

  async list(db: Executor, f: DocumentFilter) {
    const conds: (SQL | undefined)[] = [];
    if (f.direction) conds.push(eq(documents.direction, f.direction));
    if (f.statuses?.length) conds.push(inArray(documents.status, f.statuses));
    if (f.createdBy) conds.push(eq(documents.createdBy, f.createdBy));
    const scope = f.agencyCodes.length ? inArray(documents.agencyCode, f.agencyCodes) : sql`false`;
    if (f.handler) {
      // Supporting units are a small JSON array: containment per unit (no `?|`, which clashes with placeholders).
      const units = f.handler.units.flatMap((u) => [
        eq(documents.leadUnit, u),
        sql`${documents.supportingUnits} @> ${JSON.stringify([u])}::jsonb`,
      ]);
      conds.push(or(eq(documents.handlerId, f.handler.userId), ...units));
    } else if (f.tasksFor) {
      const t = f.tasksFor;
      const byRole: (SQL | undefined)[] = [];
      const st = (dir: 'outgoing' | 'incoming', statuses: string[]) =>
        and(eq(documents.direction, dir), inArray(documents.status, statuses));
      if (t.roles.includes('leader'))
        byRole.push(st('outgoing', ['in_review', 'to_sign']), st('incoming', ['registered']));
      if (t.roles.includes('clerk'))
        byRole.push(
          st('outgoing', ['signed', 'issued']),
          st('incoming', ['arrived']),
          sql`${documents.pendingChange} is not null`,
        );
      const mine = or(
        and(eq(documents.createdBy, t.userId), inArray(documents.status, ['draft', 'returned'])),
        and(eq(documents.handlerId, t.userId), inArray(documents.status, ['assigned', 'in_progress'])),
      );
      const unitWork = t.units.length
        ? and(inArray(documents.leadUnit, t.units), inArray(documents.status, ['assigned', 'in_progress']))
        : undefined;
      conds.push(or(and(scope, or(...byRole.filter(Boolean), sql`false`)), mine, unitWork));
    } else conds.push(scope);
    if (f.q) {
      const like = `%${likeEscape(f.q.normalize('NFC'))}%`;
      conds.push(
        or(
          sql`vn_fold(${documents.subject}) like vn_fold(${like})`,
          sql`(coalesce(${documents.codeNumber}, '') || '/' || coalesce(${documents.codeNotation}, '')) ilike ${like}`,
          sql`vn_fold(coalesce(${documents.senderName}, '')) like vn_fold(${like})`,
        ),
      );
    }
    const where = and(...conds);
    if (f.q) {
      // A search: one query finds, counts and pages (the folded subject is computed once per row, not twice).
      const rows = await db
        .select({ d: documents, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(documents)
        .where(where)
        .orderBy(desc(documents.updatedAt), desc(documents.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      if (rows.length || f.page === 1) return { items: rows.map((r) => r.d), total: rows[0]?.total ?? 0 };
    }
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(documents)
        .where(where),
      'count',
    );
    const items = await db
      .select()
      .from(documents)
      .where(where)
      .orderBy(desc(documents.updatedAt), desc(documents.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    return { items, total: n };
  },

  async insertRecord(tx: Executor, row: typeof records.$inferInsert) {
    return one(await tx.insert(records).values(row).returning(), 'record');
  },
  async recordById(db: Executor, id: string) {
    return (await db.select().from(records).where(eq(records.id, id)))[0] ?? null;
  },
  async recordByCode(db: Executor, code: string) {
    return (await db.select().from(records).where(eq(records.code, code)))[0] ?? null;
  },
  async records(db: Executor, agencyCodes: string[], year?: number) {
    return db
      .select()
      .from(records)
      .where(
        and(
          agencyCodes.length ? inArray(records.agencyCode, agencyCodes) : sql`false`,
          year ? eq(records.year, year) : undefined,
        ),
      )
      .orderBy(asc(records.code));
  },
  async addRecordItem(tx: Executor, recordId: string, documentId: string, at: Date) {
    const { last } = one(
      await tx
        .select({ last: max(recordItems.ordinal) })
        .from(recordItems)
        .where(eq(recordItems.recordId, recordId)),
      'max',
    );
    const rows = await tx
      .insert(recordItems)
      .values({ recordId, documentId, ordinal: (last ?? 0) + 1, addedAt: at })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  },
  async recordItems(db: Executor, recordId: string) {
    return db
      .select({ item: recordItems, doc: documents })
      .from(recordItems)
      .innerJoin(documents, eq(documents.id, recordItems.documentId))
      .where(eq(recordItems.recordId, recordId))
      .orderBy(asc(recordItems.ordinal));
  },
};
