import { and, asc, desc, eq, ilike, inArray, isNotNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { one } from '../../platform/db/rows.js';
import {
  deliveries,
  hubReceipts,
  messages,
  nodes,
  nonces,
  packageEvents,
  packageLog,
  packages,
  routes,
  trustRoots,
} from './db/schema.js';

export type NodeRow = typeof nodes.$inferSelect;
export type RouteRow = typeof routes.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type PackageRow = typeof packages.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type LogRow = typeof packageLog.$inferSelect;
export type EventRow = typeof packageEvents.$inferSelect;

const page = <T extends { limit(n: number): { offset(n: number): unknown } }>(
  q: T,
  p: { page: number; pageSize: number },
) => q.limit(p.pageSize).offset((p.page - 1) * p.pageSize);

export const exchangeRepository = {
  // Nodes and routes (hub).
  async nodes(db: Executor) {
    return db.select().from(nodes).orderBy(asc(nodes.id));
  },
  async node(db: Executor, id: string) {
    return (await db.select().from(nodes).where(eq(nodes.id, id)))[0] ?? null;
  },
  async insertNode(db: Executor, row: typeof nodes.$inferInsert) {
    return one(await db.insert(nodes).values(row).returning(), 'node');
  },
  async updateNode(db: Executor, id: string, patch: Partial<typeof nodes.$inferInsert>) {
    return (await db.update(nodes).set(patch).where(eq(nodes.id, id)).returning())[0] ?? null;
  },
  async route(db: Executor, code: string) {
    return (
      (
        await db
          .select()
          .from(routes)
          .where(or(eq(routes.code, code), eq(routes.legacyCode, code)))
      )[0] ?? null
    );
  },
  async upsertRoute(db: Executor, row: typeof routes.$inferInsert) {
    await db
      .insert(routes)
      .values(row)
      .onConflictDoUpdate({
        target: routes.code,
        set: { legacyCode: row.legacyCode, name: row.name, nodeId: row.nodeId, updatedAt: row.updatedAt },
      });
  },
  async routes(db: Executor, f: { q?: string; nodeId?: string; page: number; pageSize: number }) {
    const where = and(
      f.nodeId ? eq(routes.nodeId, f.nodeId) : undefined,
      f.q
        ? or(
            ilike(routes.code, `${likeEscape(f.q)}%`),
            ilike(routes.legacyCode, `%${likeEscape(f.q)}%`),
            ilike(routes.name, `%${likeEscape(f.q)}%`),
          )
        : undefined,
    );
    const items = await page(db.select().from(routes).where(where).orderBy(asc(routes.code)).$dynamic(), f);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(routes)
        .where(where),
      'count',
    );
    return { items: items as RouteRow[], total: n };
  },

  // Federation trust roots.
  async trustRoots(db: Executor) {
    return db.select().from(trustRoots).orderBy(asc(trustRoots.createdAt));
  },
  async addTrustRoot(db: Executor, row: typeof trustRoots.$inferInsert) {
    await db.insert(trustRoots).values(row).onConflictDoNothing();
  },

  // Messages and packages.
  async insertMessage(db: Executor, row: typeof messages.$inferInsert) {
    const r = await db.insert(messages).values(row).onConflictDoNothing().returning();
    return r[0] ?? null;
  },
  async message(db: Executor, id: string) {
    return (await db.select().from(messages).where(eq(messages.id, id)))[0] ?? null;
  },
  async updateMessage(db: Executor, id: string, patch: Partial<typeof messages.$inferInsert>) {
    await db.update(messages).set(patch).where(eq(messages.id, id));
  },
  async insertPackages(db: Executor, rows: (typeof packages.$inferInsert)[]) {
    if (rows.length) await db.insert(packages).values(rows);
  },
  /** Insert a received package; null when its id was already received (the idempotency key). */
  async insertReceived(db: Executor, row: typeof packages.$inferInsert) {
    return (await db.insert(packages).values(row).onConflictDoNothing().returning())[0] ?? null;
  },
  async package(db: Executor, id: string, direction: 'in' | 'out') {
    return (
      (
        await db
          .select()
          .from(packages)
          .where(and(eq(packages.id, id), eq(packages.direction, direction)))
      )[0] ?? null
    );
  },
  /** The package, locked until the transaction ends: for a read-then-update of its state. */
  async lockPackage(tx: Executor, id: string, direction: 'in' | 'out') {
    return (
      (
        await tx
          .select()
          .from(packages)
          .where(and(eq(packages.id, id), eq(packages.direction, direction)))
          .for('update')
      )[0] ?? null
    );
  },
  async packagesOfMessage(db: Executor, messageId: string) {
    return db
      .select()
      .from(packages)
      .where(and(eq(packages.messageId, messageId), eq(packages.direction, 'out')))
      .orderBy(asc(packages.recipient));
  },
  /** The document packages of one direction carrying this edXML DocumentId (what a status answers). */
  async documentsWithId(db: Executor, direction: 'in' | 'out', documentId: string) {
    return db
      .select()
      .from(packages)
      .where(
        and(eq(packages.direction, direction), eq(packages.kind, 'document'), eq(packages.documentId, documentId)),
      );
  },
  async packagesOfDocument(db: Executor, localDocumentId: string) {
    return db
      .select()
      .from(packages)
      .where(and(eq(packages.localDocumentId, localDocumentId), eq(packages.direction, 'out')))
      .orderBy(asc(packages.createdAt), asc(packages.recipient));
  },
  async linkLocalDocument(db: Executor, packageId: string, localDocumentId: string) {
    await db
      .update(packages)
      .set({ localDocumentId })
      .where(and(eq(packages.id, packageId), eq(packages.direction, 'in')));
  },
  async setPackageState(
    db: Executor,
    id: string,
    direction: 'in' | 'out',
    state: PackageRow['state'],
    reason: string | null,
    now: Date,
  ) {
    await db
      .update(packages)
      .set({ state, reason, updatedAt: now })
      .where(and(eq(packages.id, id), eq(packages.direction, direction)));
  },
  async listPackages(
    db: Executor,
    f: {
      direction: 'in' | 'out';
      agencyCodes: string[] | null;
      kind?: 'document' | 'status';
      state?: PackageRow['state'];
      page: number;
      pageSize: number;
    },
  ) {
    const col = f.direction === 'in' ? packages.recipient : packages.sender;
    const where = and(
      eq(packages.direction, f.direction),
      f.kind ? eq(packages.kind, f.kind) : undefined,
      f.state ? eq(packages.state, f.state) : undefined,
      f.agencyCodes ? inArray(col, f.agencyCodes) : undefined,
    );
    const items = await page(db.select().from(packages).where(where).orderBy(desc(packages.createdAt)).$dynamic(), f);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(packages)
        .where(where),
      'count',
    );
    return { items: items as PackageRow[], total: n };
  },
  /** The status codes the messages of these status packages carry, by message id. */
  async statusCodes(db: Executor, messageIds: string[]): Promise<Map<string, string>> {
    if (messageIds.length === 0) return new Map();
    const rows = await db
      .select({ id: messages.id, payload: messages.payload })
      .from(messages)
      .where(and(inArray(messages.id, messageIds), eq(messages.kind, 'status')));
    return new Map(rows.map((r) => [r.id, String((r.payload as { statusCode?: string }).statusCode ?? '')]));
  },
  /** Agencies with statuses held for want of a seal. */
  async heldSenders(db: Executor): Promise<string[]> {
    const rows = await db
      .selectDistinct({ sender: packages.sender })
      .from(packages)
      .where(and(eq(packages.state, 'awaiting_seal'), eq(packages.direction, 'out')));
    return rows.map((r) => r.sender);
  },
  /** Move an agency's held statuses to `queued` (or record a new reason); returns their message ids. */
  async releaseHeld(db: Executor, sender: string, now: Date): Promise<string[]> {
    const rows = await db
      .update(packages)
      .set({ state: 'queued', reason: null, updatedAt: now })
      .where(and(eq(packages.sender, sender), eq(packages.state, 'awaiting_seal'), eq(packages.direction, 'out')))
      .returning({ messageId: packages.messageId });
    // Message ids sort by creation time: the oldest status is queued first.
    return [...new Set(rows.map((r) => r.messageId).filter((m): m is string => !!m))].sort();
  },
  async setHeldReason(db: Executor, sender: string, reason: string) {
    await db
      .update(packages)
      .set({ reason })
      .where(and(eq(packages.sender, sender), eq(packages.state, 'awaiting_seal'), eq(packages.direction, 'out')));
  },
  async holdMessage(db: Executor, messageId: string, reason: string, now: Date) {
    await db
      .update(packages)
      .set({ state: 'awaiting_seal', reason, updatedAt: now })
      .where(and(eq(packages.messageId, messageId), eq(packages.direction, 'out'), eq(packages.state, 'queued')));
  },
  /** Record a state; false when this status package was already applied. */
  async addEvent(db: Executor, row: typeof packageEvents.$inferInsert) {
    return (await db.insert(packageEvents).values(row).onConflictDoNothing().returning()).length > 0;
  },
  async events(db: Executor, packageIds: string[]) {
    if (packageIds.length === 0) return [];
    return db
      .select()
      .from(packageEvents)
      .where(inArray(packageEvents.packageId, packageIds))
      .orderBy(asc(packageEvents.at), asc(packageEvents.id));
  },

  // Outbox.
  async insertDeliveries(db: Executor, rows: (typeof deliveries.$inferInsert)[]) {
    if (rows.length) await db.insert(deliveries).values(rows).onConflictDoNothing();
  },
  /** Claim due deliveries (FOR UPDATE SKIP LOCKED: several workers, or PGlite's single connection, alike). */
  async claimDue(db: Executor, now: Date, lockUntil: Date, limit: number): Promise<DeliveryRow[]> {
    const due = await db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.state, 'pending'),
          sql`${deliveries.nextAttemptAt} <= ${now.toISOString()}`,
          or(sql`${deliveries.lockedUntil} is null`, lt(deliveries.lockedUntil, now)),
        ),
      )
      .orderBy(asc(deliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return db
      .update(deliveries)
      .set({ lockedUntil: lockUntil, attempts: sql`${deliveries.attempts} + 1` })
      .where(
        inArray(
          deliveries.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  },
  /** Clear every lease on pending deliveries (only when no other process can hold one). */
  /** Another delivery of the same bytes to the hub that is already acknowledged (LGSP: one POST per message). */
  async deliveredSibling(db: Executor, sha256: string, exceptId: string): Promise<boolean> {
    const rows = await db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.sha256, sha256),
          eq(deliveries.target, 'hub'),
          eq(deliveries.state, 'done'),
          ne(deliveries.id, exceptId),
        ),
      )
      .limit(1);
    return rows.length > 0;
  },
  async releaseLeases(db: Executor): Promise<number> {
    const rows = await db
      .update(deliveries)
      .set({ lockedUntil: null })
      .where(and(eq(deliveries.state, 'pending'), isNotNull(deliveries.lockedUntil)))
      .returning({ id: deliveries.id });
    return rows.length;
  },
  async finishDelivery(
    db: Executor,
    id: string,
    state: 'done' | 'rejected' | 'set_aside',
    now: Date,
    error: string | null,
  ) {
    await db
      .update(deliveries)
      .set({ state, doneAt: now, lockedUntil: null, lastError: error })
      .where(eq(deliveries.id, id));
  },
  async retryDelivery(db: Executor, id: string, at: Date, error: string) {
    await db
      .update(deliveries)
      .set({ nextAttemptAt: at, lockedUntil: null, lastError: error.slice(0, 1000) })
      .where(eq(deliveries.id, id));
  },
  async deliveries(
    db: Executor,
    f: { state?: DeliveryRow['state']; failing?: 'true' | 'false'; page: number; pageSize: number },
  ) {
    const where = and(
      f.state ? eq(deliveries.state, f.state) : undefined,
      f.failing === 'true' ? isNotNull(deliveries.lastError) : undefined,
    );
    const items = await page(
      db.select().from(deliveries).where(where).orderBy(desc(deliveries.createdAt)).$dynamic(),
      f,
    );
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(deliveries)
        .where(where),
      'count',
    );
    return { items: items as DeliveryRow[], total: n };
  },

  // Log, hub receipts, nonces.
  async log(db: Executor, row: typeof packageLog.$inferInsert) {
    await db.insert(packageLog).values(row);
  },
  async logs(
    db: Executor,
    f: { packageId?: string; event?: LogRow['event']; agency?: string; page: number; pageSize: number },
  ) {
    const conds: (SQL | undefined)[] = [
      f.packageId ? eq(packageLog.packageId, f.packageId) : undefined,
      f.event ? eq(packageLog.event, f.event) : undefined,
      f.agency ? or(eq(packageLog.sender, f.agency), eq(packageLog.recipient, f.agency)) : undefined,
    ];
    const where = and(...conds);
    const items = await page(
      db.select().from(packageLog).where(where).orderBy(desc(packageLog.at), desc(packageLog.id)).$dynamic(),
      f,
    );
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(packageLog)
        .where(where),
      'count',
    );
    return { items: items as LogRow[], total: n };
  },
  /** The hub's idempotent receive; false when the package was already accepted. */
  async addHubReceipt(db: Executor, row: typeof hubReceipts.$inferInsert) {
    return (await db.insert(hubReceipts).values(row).onConflictDoNothing().returning()).length > 0;
  },
  /**
   * The hub's accept as one statement (atomic on its own, one round trip instead of a transaction of
   * four): the receipt and, only when the receipt is new, the next hop's delivery and the log entry.
   * False when the package was already accepted (nothing else is written then).
   */
  async acceptAtHub(
    db: Executor,
    receipt: typeof hubReceipts.$inferInsert,
    delivery: typeof deliveries.$inferInsert,
    log: typeof packageLog.$inferInsert,
  ) {
    const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    const r = (await db.execute(sql`
      with receipt as (
        insert into ${hubReceipts} (package_id, node_id, sha256, at) values (${receipt.packageId}, ${receipt.nodeId}, ${receipt.sha256}, ${ts(receipt.at)})
        on conflict do nothing returning 1
      ), delivery as (
        insert into ${deliveries} (id, package_id, kind, sha256, recipient, in_reply_to, target, created_at, next_attempt_at)
        select ${delivery.id}, ${delivery.packageId}, ${delivery.kind}, ${delivery.sha256}, ${delivery.recipient}, ${delivery.inReplyTo ?? null}, ${delivery.target}, ${ts(delivery.createdAt!)}, ${ts(delivery.nextAttemptAt!)} from receipt
        on conflict do nothing
      ), logged as (
        insert into ${packageLog} (id, package_id, kind, event, sender, recipient, document_id, status_code, node_id, sha256, size, reason, at)
        select ${log.id}, ${log.packageId}, ${log.kind}, ${log.event}, ${log.sender ?? null}, ${log.recipient ?? null}, ${log.documentId ?? null}, ${log.statusCode ?? null}, ${log.nodeId ?? null}, ${log.sha256}, ${log.size}, ${log.reason ?? null}, ${ts(log.at)} from receipt
      )
      select count(*)::int as n from receipt`)) as unknown as { rows: { n: number }[] };
    return r.rows[0]?.n === 1;
  },
  async hubReceipt(db: Executor, packageId: string) {
    return (await db.select().from(hubReceipts).where(eq(hubReceipts.packageId, packageId)))[0] ?? null;
  },
  async useNonce(db: Executor, keyId: string, nonce: string, expiresAt: Date, now: Date) {
    const fresh =
      (await db.insert(nonces).values({ keyId, nonce, expiresAt }).onConflictDoNothing().returning()).length > 0;
    if (fresh && Math.random() < 0.01) await db.delete(nonces).where(lt(nonces.expiresAt, now));
    return fresh;
  },
};
