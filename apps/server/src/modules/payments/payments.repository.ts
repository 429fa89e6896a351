import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { one } from '../../platform/db/rows.js';
import {
  callbacks,
  collectionAccounts,
  LIVE_STATUSES,
  obligations,
  payments,
  receiptCounters,
  receipts,
  reconciliations,
} from './db/schema.js';

export type ObligationRow = typeof obligations.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type ReceiptRow = typeof receipts.$inferSelect;
export type ReconciliationRow = typeof reconciliations.$inferSelect;

export interface PaymentFilter {
  agencyCodes?: string[];
  status?: PaymentRow['status'];
  gateway?: PaymentRow['gateway'];
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export const paymentsRepository = {
  async obligationByDossier(db: Executor, dossierCode: string) {
    return (await db.select().from(obligations).where(eq(obligations.dossierCode, dossierCode)))[0] ?? null;
  },
  async obligation(db: Executor, id: string) {
    return (await db.select().from(obligations).where(eq(obligations.id, id)))[0] ?? null;
  },
  async lockObligation(tx: Executor, id: string) {
    return one(await tx.select().from(obligations).where(eq(obligations.id, id)).for('update'), 'obligation');
  },
  /** Insert unless another request did first; either way the row for the dossier. */
  async insertObligation(tx: Executor, row: typeof obligations.$inferInsert) {
    await tx.insert(obligations).values(row).onConflictDoNothing({ target: obligations.dossierCode });
    return one(await tx.select().from(obligations).where(eq(obligations.dossierCode, row.dossierCode)), 'obligation');
  },
  /** The dossier's obligation, created if missing, locked for the rest of the transaction. */
  async lockOrCreateObligation(tx: Executor, row: typeof obligations.$inferInsert) {
    await tx.insert(obligations).values(row).onConflictDoNothing({ target: obligations.dossierCode });
    return one(
      await tx.select().from(obligations).where(eq(obligations.dossierCode, row.dossierCode)).for('update'),
      'obligation',
    );
  },
  /** A pending payment of the dossier past its deadline, if any. */
  async stalePending(db: Executor, dossierCode: string, now: Date) {
    return (
      (
        await db
          .select()
          .from(payments)
          .where(
            and(eq(payments.dossierCode, dossierCode), eq(payments.status, 'pending'), lt(payments.expiresAt, now)),
          )
      )[0] ?? null
    );
  },
  async updateObligation(tx: Executor, id: string, patch: Partial<typeof obligations.$inferInsert>) {
    return one(await tx.update(obligations).set(patch).where(eq(obligations.id, id)).returning(), 'obligation');
  },

  async insertPayment(tx: Executor, row: typeof payments.$inferInsert) {
    return one(await tx.insert(payments).values(row).returning(), 'payment');
  },
  async updatePayment(tx: Executor, id: string, patch: Partial<typeof payments.$inferInsert>) {
    return one(await tx.update(payments).set(patch).where(eq(payments.id, id)).returning(), 'payment');
  },
  async payment(db: Executor, id: string) {
    return (await db.select().from(payments).where(eq(payments.id, id)))[0] ?? null;
  },
  async lockPayment(tx: Executor, id: string) {
    return (await tx.select().from(payments).where(eq(payments.id, id)).for('update'))[0] ?? null;
  },
  async paymentByReference(db: Executor, reference: string) {
    return (await db.select().from(payments).where(eq(payments.reference, reference)))[0] ?? null;
  },
  /** The pending, paid or in-review payment of an obligation, if any (at most one: a unique index). */
  async livePayment(db: Executor, obligationId: string) {
    return (
      (
        await db
          .select()
          .from(payments)
          .where(and(eq(payments.obligationId, obligationId), inArray(payments.status, LIVE_STATUSES)))
      )[0] ?? null
    );
  },
  async paymentsOfDossier(db: Executor, dossierCode: string) {
    return db
      .select()
      .from(payments)
      .where(eq(payments.dossierCode, dossierCode))
      .orderBy(desc(payments.createdAt), desc(payments.id));
  },
  async list(db: Executor, f: PaymentFilter) {
    const conds: (SQL | undefined)[] = [
      f.agencyCodes ? (f.agencyCodes.length ? inArray(payments.agencyCode, f.agencyCodes) : sql`false`) : undefined,
      f.status ? eq(payments.status, f.status) : undefined,
      f.gateway ? eq(payments.gateway, f.gateway) : undefined,
      f.from ? gte(payments.createdAt, f.from) : undefined,
      f.to ? lt(payments.createdAt, f.to) : undefined,
    ];
    const where = and(...conds);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(payments)
        .where(where),
      'count',
    );
    const items = await db
      .select()
      .from(payments)
      .where(where)
      .orderBy(desc(payments.createdAt), desc(payments.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    return { items, total: n };
  },
  /** Online payments of a gateway created in [from, to). */
  async ofGatewayBetween(db: Executor, gateway: string, from: Date, to: Date) {
    return db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.gateway, gateway as PaymentRow['gateway']),
          gte(payments.createdAt, from),
          lt(payments.createdAt, to),
        ),
      )
      .orderBy(asc(payments.createdAt));
  },
  async byReferences(db: Executor, refs: string[]) {
    return refs.length ? db.select().from(payments).where(inArray(payments.reference, refs)) : [];
  },

  /** Next receipt number of the agency in the year; the row lock keeps numbers gapless. */
  async nextReceiptNumber(tx: Executor, agencyCode: string, year: number): Promise<number> {
    const rows = await tx
      .insert(receiptCounters)
      .values({ agencyCode, year, last: 1 })
      .onConflictDoUpdate({
        target: [receiptCounters.agencyCode, receiptCounters.year],
        set: { last: sql`${receiptCounters.last} + 1` },
      })
      .returning({ last: receiptCounters.last });
    return one(rows, 'counter').last;
  },
  async insertReceipt(tx: Executor, row: typeof receipts.$inferInsert) {
    return one(await tx.insert(receipts).values(row).returning(), 'receipt');
  },
  async receipt(db: Executor, id: string) {
    return (await db.select().from(receipts).where(eq(receipts.id, id)))[0] ?? null;
  },
  /** Record the sealed PDF unless another sealer did first; the kept hash either way. */
  async setReceiptSealed(db: Executor, id: string, sha256: string): Promise<string> {
    await db
      .update(receipts)
      .set({ sealedSha256: sha256 })
      .where(and(eq(receipts.id, id), isNull(receipts.sealedSha256)));
    return one(await db.select({ s: receipts.sealedSha256 }).from(receipts).where(eq(receipts.id, id)), 'receipt').s!;
  },
  async receiptOfPayment(db: Executor, paymentId: string) {
    return (await db.select().from(receipts).where(eq(receipts.paymentId, paymentId)))[0] ?? null;
  },

  async logCallback(tx: Executor, row: typeof callbacks.$inferInsert) {
    await tx.insert(callbacks).values(row);
  },
  async callbacksOf(db: Executor, paymentId: string) {
    return db.select().from(callbacks).where(eq(callbacks.paymentId, paymentId)).orderBy(asc(callbacks.receivedAt));
  },

  async saveReconciliation(tx: Executor, row: typeof reconciliations.$inferInsert) {
    return one(
      await tx
        .insert(reconciliations)
        .values(row)
        .onConflictDoUpdate({
          target: [reconciliations.gateway, reconciliations.day],
          set: {
            ours: row.ours,
            theirs: row.theirs,
            matched: row.matched,
            mismatches: row.mismatches,
            byAgency: row.byAgency,
            ranBy: row.ranBy,
            ranAt: row.ranAt,
            runs: sql`${reconciliations.runs} + 1`,
          },
        })
        .returning(),
      'reconciliation',
    );
  },
  async reconciliation(db: Executor, gateway: string, day: string) {
    return (
      (
        await db
          .select()
          .from(reconciliations)
          .where(and(eq(reconciliations.gateway, gateway), eq(reconciliations.day, day)))
      )[0] ?? null
    );
  },
  /** VietQR payments whose reference (the transfer content, letters and digits) is inside `key`, newest first. */
  async transfersMatching(db: Executor, key: string) {
    return db
      .select()
      .from(payments)
      .where(and(eq(payments.gateway, 'vietqr'), sql`position(${payments.reference} in ${key}) > 0`))
      .orderBy(desc(payments.createdAt))
      .limit(20);
  },
  async paymentByBankTxn(db: Executor, bankTxnId: string) {
    return (
      (
        await db
          .select()
          .from(payments)
          .where(and(eq(payments.gateway, 'vietqr'), eq(payments.gatewayTxnId, bankTxnId)))
      )[0] ?? null
    );
  },
  async collectionAccount(db: Executor, agencyCode: string) {
    return (await db.select().from(collectionAccounts).where(eq(collectionAccounts.agencyCode, agencyCode)))[0] ?? null;
  },
  async saveCollectionAccount(tx: Executor, row: typeof collectionAccounts.$inferInsert) {
    const { agencyCode: _k, ...set } = row;
    return one(
      await tx
        .insert(collectionAccounts)
        .values(row)
        .onConflictDoUpdate({ target: collectionAccounts.agencyCode, set })
        .returning(),
      'collection account',
    );
  },
};
