import { and, asc, desc, eq, gt, gte, ilike, lte, sql } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { chainHead, events } from './db/schema.js';

export type AuditEventRow = typeof events.$inferSelect;

export interface AuditFilter {
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  agencyCode?: string;
  from?: Date;
  to?: Date;
  q?: string;
  page: number;
  pageSize: number;
}

export const auditRepository = {
  /**
   * Lock the head of the chain for this transaction and read it, in one statement: the upsert
   * creates the head on first use and otherwise takes the row lock (like FOR UPDATE) and returns it.
   */
  async lockHead(tx: Executor) {
    const rows = await tx
      .insert(chainHead)
      .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
      .onConflictDoUpdate({ target: chainHead.id, set: { seq: sql`${chainHead.seq}` } })
      .returning();
    return rows[0];
  },
  /** Insert the event and move the head to it, in one statement. */
  async append(tx: Executor, row: AuditEventRow) {
    const e = tx.$with('e').as(tx.insert(events).values(row).returning({ seq: events.seq, hash: events.hash }));
    await tx
      .with(e)
      .update(chainHead)
      .set({ seq: sql`(select seq from ${e})`, hash: sql`(select hash from ${e})` })
      .where(eq(chainHead.id, 1));
  },
  async head(db: Executor) {
    const rows = await db.select().from(chainHead).where(eq(chainHead.id, 1));
    return rows[0] ?? null;
  },
  async batchAfter(db: Executor, seq: number, limit: number) {
    return db.select().from(events).where(gt(events.seq, seq)).orderBy(asc(events.seq)).limit(limit);
  },
  async list(db: Executor, f: AuditFilter) {
    const where = and(
      f.actorId ? eq(events.actorId, f.actorId) : undefined,
      f.action ? ilike(events.action, `${likeEscape(f.action)}%`) : undefined,
      f.subjectType ? eq(events.subjectType, f.subjectType) : undefined,
      f.subjectId ? eq(events.subjectId, f.subjectId) : undefined,
      f.agencyCode ? eq(events.agencyCode, f.agencyCode) : undefined,
      f.from ? gte(events.occurredAt, f.from) : undefined,
      f.to ? lte(events.occurredAt, f.to) : undefined,
      f.q
        ? sql`(${events.actorName} ilike ${'%' + likeEscape(f.q) + '%'} or ${events.subjectId} ilike ${'%' + likeEscape(f.q) + '%'} or ${events.action} ilike ${'%' + likeEscape(f.q) + '%'})`
        : undefined,
    );
    const items = await db
      .select()
      .from(events)
      .where(where)
      .orderBy(desc(events.seq))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(events).where(where);
    return { items, total: n };
  },
};
