import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { bankPushes, type BankPushStatus, collectionAccounts, payments } from './db/schema.js';

export type BankPushRow = typeof bankPushes.$inferSelect;

/** The table of bank pushes that settled nothing by themselves (the payments officer's work list). */
export const bankPushesRepository = {
  /** Keep a push once per bank transaction: the same one pushed again answers the row already kept. */
  async keep(db: Executor, row: typeof bankPushes.$inferInsert): Promise<BankPushRow> {
    const [inserted] = await db.insert(bankPushes).values(row).onConflictDoNothing().returning();
    if (inserted) return inserted;
    const [kept] = await db
      .select()
      .from(bankPushes)
      .where(and(eq(bankPushes.provider, row.provider), eq(bankPushes.bankTxnId, row.bankTxnId)));
    return kept!;
  },
  async byId(db: Executor, id: string) {
    return (await db.select().from(bankPushes).where(eq(bankPushes.id, id)))[0] ?? null;
  },
  async lock(tx: Executor, id: string) {
    return (await tx.select().from(bankPushes).where(eq(bankPushes.id, id)).for('update'))[0] ?? null;
  },
  /** Pushes of these agencies (undefined: every agency and those of no agency), newest first. */
  async list(db: Executor, f: { agencyCodes?: string[]; status?: BankPushStatus; limit: number }) {
    const scope: SQL | undefined = f.agencyCodes
      ? f.agencyCodes.length
        ? inArray(bankPushes.agencyCode, f.agencyCodes)
        : isNull(bankPushes.id)
      : undefined;
    return db
      .select()
      .from(bankPushes)
      .where(and(scope, f.status ? eq(bankPushes.status, f.status) : undefined))
      .orderBy(desc(bankPushes.receivedAt), desc(bankPushes.id))
      .limit(f.limit);
  },
  async resolve(
    tx: Executor,
    id: string,
    set: Pick<BankPushRow, 'status' | 'paymentId' | 'resolvedBy' | 'resolvedByName' | 'resolvedAt' | 'dismissReason'>,
  ) {
    return (await tx.update(bankPushes).set(set).where(eq(bankPushes.id, id)).returning())[0]!;
  },
  /** An open push of this bank transaction is matched: the transaction settled a payment by another way. */
  async closeByTxn(
    tx: Executor,
    bankTxnId: string,
    set: Pick<BankPushRow, 'paymentId' | 'resolvedBy' | 'resolvedByName' | 'resolvedAt'>,
  ) {
    await tx
      .update(bankPushes)
      .set({ ...set, status: 'matched' })
      .where(and(eq(bankPushes.bankTxnId, bankTxnId), eq(bankPushes.status, 'open')));
  },
  /** The agencies collecting into this account number (one, unless agencies share an account). */
  async agenciesOfAccount(db: Executor, accountNumbers: string[]) {
    if (!accountNumbers.length) return [];
    const rows = await db
      .select({ agencyCode: collectionAccounts.agencyCode })
      .from(collectionAccounts)
      .where(inArray(collectionAccounts.accountNumber, accountNumbers));
    return rows.map((r) => r.agencyCode);
  },
  /** Bank-transfer (VietQR) payments of these agencies still waiting for their money, those of this amount first. */
  async waitingTransfers(db: Executor, agencyCodes: string[], amount: number) {
    if (!agencyCodes.length) return [];
    return db
      .select()
      .from(payments)
      .where(
        and(eq(payments.gateway, 'vietqr'), eq(payments.status, 'pending'), inArray(payments.agencyCode, agencyCodes)),
      )
      .orderBy(sql`(${payments.amount} = ${amount}) desc`, asc(payments.createdAt))
      .limit(200);
  },
};
