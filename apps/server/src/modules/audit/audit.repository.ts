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
  /** Lock the head of the chain for this transaction (creating it on first use). */
  async lockHead(tx: Executor) {
    await tx.insert(chainHead).values({ id: 1, seq: 0, hash: '0'.repeat(64) }).onConflictDoNothing();
    const rows = await tx.select().from(chainHead).where(eq(chainHead.id, 1)).for('update');
    return rows[0];
  },
  async append(tx: Executor, row: AuditEventRow) {
    await tx.insert(events).values(row);
    await tx.update(chainHead).set({ seq: row.seq, hash: row.hash }).where(eq(chainHead.id, 1));
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
