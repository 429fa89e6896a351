import { and, asc, desc, eq, gt, gte, ilike, isNull, lte, sql } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { one } from '../../platform/db/rows.js';
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
    return one(rows, 'audit chain head');
  },
  /** An event not yet chained (seq, prevHash and hash come from the sealer). */
  async insertPending(tx: Executor, row: Omit<AuditEventRow, 'seq' | 'prevHash' | 'hash'>) {
    await tx.insert(events).values(row);
  },
  async insertPendingMany(tx: Executor, rows: Omit<AuditEventRow, 'seq' | 'prevHash' | 'hash'>[]) {
    await tx.insert(events).values(rows);
  },
  async hasPending(db: Executor) {
    return (await db.select({ id: events.id }).from(events).where(isNull(events.seq)).limit(1)).length > 0;
  },
  /** Committed events waiting for their place, oldest first (a partial index serves this). */
  async pending(tx: Executor, limit: number) {
    return tx
      .select()
      .from(events)
      .where(isNull(events.seq))
      .orderBy(asc(events.occurredAt), asc(events.id))
      .limit(limit);
  },
  /** Give each event its place and hash, and move the head to the last, in one statement each. */
  async seal(
    tx: Executor,
    rows: { id: string; seq: number; prevHash: string; hash: string }[],
    head: { seq: number; hash: string },
  ) {
    const values = sql.join(
      rows.map((r) => sql`(${r.id}::text, ${r.seq}::bigint, ${r.prevHash}::text, ${r.hash}::text)`),
      sql`, `,
    );
    await tx.execute(sql`update ${events} set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
      from (values ${values}) as v(id, seq, prev_hash, hash) where ${events.id} = v.id and ${events.seq} is null`);
    await tx.update(chainHead).set(head).where(eq(chainHead.id, 1));
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
      .orderBy(sql`${events.seq} desc nulls first`, desc(events.occurredAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(events)
        .where(where),
      'count',
    );
    return { items, total: n };
  },
};
