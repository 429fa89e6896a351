import { and, asc, count, desc, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { batches, chainHead, messages, rights, services, subsystems, usage } from './db/schema.js';

export type SubsystemRow = typeof subsystems.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type RightRow = typeof rights.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type BatchRow = typeof batches.$inferSelect;

const first = <T>(rows: T[]): T | null => rows[0] ?? null;

/** The only code that touches the gateway's tables. */
export const gatewayRepository = {
  // Subsystems.
  subsystem: async (db: Executor, id: string) => first(await db.select().from(subsystems).where(eq(subsystems.id, id))),
  subsystemOfClient: async (db: Executor, oauthClientId: string) =>
    first(await db.select().from(subsystems).where(eq(subsystems.oauthClientId, oauthClientId))),
  async insertSubsystem(db: Executor, row: typeof subsystems.$inferInsert) {
    return first(await db.insert(subsystems).values(row).onConflictDoNothing().returning());
  },
  async subsystems(db: Executor, agencyCodes: string[] | null) {
    const where = agencyCodes ? sql`${subsystems.agencyCode} in ${agencyCodes}` : undefined;
    if (agencyCodes && agencyCodes.length === 0) return [];
    return db.select().from(subsystems).where(where).orderBy(asc(subsystems.id));
  },

  // Services.
  service: async (db: Executor, id: string) => first(await db.select().from(services).where(eq(services.id, id))),
  serviceAt: async (db: Executor, providerId: string, code: string) =>
    first(
      await db
        .select()
        .from(services)
        .where(and(eq(services.providerId, providerId), eq(services.code, code))),
    ),
  servicesByCode: (db: Executor, code: string) =>
    db
      .select()
      .from(services)
      .where(and(eq(services.code, code), eq(services.status, 'active'))),
  async insertService(db: Executor, row: typeof services.$inferInsert) {
    return first(await db.insert(services).values(row).onConflictDoNothing().returning());
  },
  async services(db: Executor, f: { q?: string; providerId?: string }) {
    const conds: (SQL | undefined)[] = [
      f.providerId ? eq(services.providerId, f.providerId) : undefined,
      f.q ? or(sql`${services.code} ilike ${`%${f.q}%`}`, sql`${services.name} ilike ${`%${f.q}%`}`) : undefined,
    ];
    return db
      .select()
      .from(services)
      .where(and(...conds))
      .orderBy(asc(services.code), asc(services.providerId));
  },
  async setServiceStatus(db: Executor, id: string, status: 'active' | 'retired') {
    return first(await db.update(services).set({ status }).where(eq(services.id, id)).returning());
  },

  // Access rights.
  openRight: async (db: Executor, serviceId: string, clientId: string) =>
    first(
      await db
        .select()
        .from(rights)
        .where(and(eq(rights.serviceId, serviceId), eq(rights.clientId, clientId), isNull(rights.revokedAt))),
    ),
  right: async (db: Executor, id: string) => first(await db.select().from(rights).where(eq(rights.id, id))),
  async insertRight(db: Executor, row: typeof rights.$inferInsert) {
    return first(await db.insert(rights).values(row).onConflictDoNothing().returning());
  },
  async revokeRight(db: Executor, id: string, by: string | null, at: Date) {
    return first(
      await db
        .update(rights)
        .set({ revokedBy: by, revokedAt: at })
        .where(and(eq(rights.id, id), isNull(rights.revokedAt)))
        .returning(),
    );
  },
  rightsOf: (db: Executor, serviceId: string) =>
    db.select().from(rights).where(eq(rights.serviceId, serviceId)).orderBy(desc(rights.grantedAt)),

  // Quotas: one counter per key and window, all of a call's counters incremented in one statement
  // (every process counts together); an expired window starts again at 1.
  async hit(db: Executor, counters: { key: string; windowEnds: Date }[], now: Date) {
    const expired = sql`${usage.windowEnds} <= ${now.toISOString()}::timestamptz`;
    return db
      .insert(usage)
      .values(counters.map((c) => ({ key: c.key, hits: 1, windowEnds: c.windowEnds })))
      .onConflictDoUpdate({
        target: usage.key,
        set: {
          hits: sql`case when ${expired} then 1 else ${usage.hits} + 1 end`,
          windowEnds: sql`case when ${expired} then excluded.window_ends else ${usage.windowEnds} end`,
        },
      })
      .returning({ key: usage.key, hits: usage.hits, windowEnds: usage.windowEnds });
  },

  // The message log.
  async insertMessages(db: Executor, rows: (typeof messages.$inferInsert)[]) {
    await db.insert(messages).values(rows).onConflictDoNothing();
  },
  messagesOf: (db: Executor, messageId: string) =>
    db.select().from(messages).where(eq(messages.messageId, messageId)).orderBy(asc(messages.side)),
  async messages(
    db: Executor,
    f: {
      clientIds?: string[];
      providerIds?: string[];
      service?: string;
      from?: Date;
      to?: Date;
      page: number;
      pageSize: number;
    },
  ) {
    const scope =
      f.clientIds || f.providerIds
        ? or(
            f.clientIds?.length ? sql`${messages.clientId} in ${f.clientIds}` : sql`false`,
            f.providerIds?.length ? sql`${messages.providerId} in ${f.providerIds}` : sql`false`,
          )
        : undefined;
    const where = and(
      scope,
      f.service ? eq(messages.serviceCode, f.service) : undefined,
      f.from ? gte(messages.createdAt, f.from) : undefined,
      f.to ? lte(messages.createdAt, f.to) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(messages)
        .where(where)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ n: count() }).from(messages).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  // Chain and batches.
  async lockHead(tx: Executor) {
    const rows = await tx
      .insert(chainHead)
      .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
      .onConflictDoUpdate({ target: chainHead.id, set: { seq: sql`${chainHead.seq}` } })
      .returning();
    return rows[0]!;
  },
  unsealed: (tx: Executor, limit: number) =>
    tx
      .select({ id: messages.id, recordHash: messages.recordHash })
      .from(messages)
      .where(isNull(messages.seq))
      .orderBy(asc(messages.createdAt), asc(messages.id))
      .limit(limit),
  async seal(
    tx: Executor,
    rows: { id: string; seq: number; prevHash: string; chainHash: string }[],
    batch: typeof batches.$inferInsert,
    head: { seq: number; hash: string },
  ) {
    const values = sql.join(
      rows.map((r) => sql`(${r.id}, ${r.seq}::bigint, ${r.prevHash}, ${r.chainHash})`),
      sql`, `,
    );
    await tx.execute(
      sql`update gateway.messages m set seq = v.seq, prev_hash = v.prev, chain_hash = v.chain, batch_id = ${batch.id}
          from (values ${values}) as v(id, seq, prev, chain) where m.id = v.id`,
    );
    await tx.insert(batches).values(batch);
    await tx.update(chainHead).set(head).where(eq(chainHead.id, 1));
  },
  unstampedBatches: (db: Executor) =>
    db.select().from(batches).where(isNull(batches.token)).orderBy(asc(batches.firstSeq)).limit(100),
  async setToken(db: Executor, id: string, token: string, at: Date) {
    await db.update(batches).set({ token, stampedAt: at }).where(eq(batches.id, id));
  },
  batch: async (db: Executor, id: string) => first(await db.select().from(batches).where(eq(batches.id, id))),
  hasUnsealed: async (db: Executor) =>
    (await db.select({ id: messages.id }).from(messages).where(isNull(messages.seq)).limit(1)).length > 0,
};
