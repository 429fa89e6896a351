import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const paymentsSchema = pgSchema('payments');

export interface FeeLineRow {
  label: string;
  amount: number;
}

/**
 * What a dossier owes (nghĩa vụ tài chính): the fee lines of its procedure version, or lines an
 * officer set for this dossier. Integer VND. `version` grows with every change and payment.
 */
export const obligations = paymentsSchema.table('obligations', {
  id: text('id').primaryKey(),
  dossierCode: text('dossier_code').notNull().unique(),
  dossierId: text('dossier_id').notNull(),
  agencyCode: text('agency_code').notNull(),
  procedureCode: text('procedure_code').notNull(),
  collection: text('collection').notNull().$type<'before' | 'after' | 'free'>(),
  lines: jsonb('lines').notNull().$type<FeeLineRow[]>(),
  amount: integer('amount').notNull(),
  status: text('status').notNull().$type<'none' | 'due' | 'paid'>(),
  version: integer('version').notNull().default(0),
  setBy: text('set_by'),
  setByName: text('set_by_name'),
  note: text('note'),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * What became of a payment. `review`: the gateway did not finish it but the payer may have been
 * debited (VNPAY 04 reversed, 07 suspected fraud): an officer decides; meanwhile it blocks another
 * attempt on the obligation, like a pending one.
 */
export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'refunded' | 'review';
/** The statuses of the one live payment an obligation may have. */
export const LIVE_STATUSES: PaymentStatus[] = ['pending', 'paid', 'review'];

/** One attempt to pay an obligation: online through a gateway, or cash / transfer at the desk. */
export const payments = paymentsSchema.table(
  'payments',
  {
    id: text('id').primaryKey(),
    obligationId: text('obligation_id').notNull(),
    dossierCode: text('dossier_code').notNull(),
    agencyCode: text('agency_code').notNull(),
    /** Our reference at the gateway (MaThamChieu / vnp_TxnRef): unique, ASCII. */
    reference: text('reference').notNull().unique(),
    gateway: text('gateway').notNull().$type<'dvcqg' | 'vnpay' | 'desk' | 'vietqr'>(),
    method: text('method').notNull().$type<'online' | 'cash' | 'transfer'>(),
    amount: integer('amount').notNull(),
    status: text('status').notNull().$type<PaymentStatus>(),
    payerId: text('payer_id'),
    payerName: text('payer_name').notNull(),
    payerIdNumber: text('payer_id_number'),
    /** Snapshots for the receipt, so a gateway's notification needs no other module. */
    agencyName: text('agency_name').notNull(),
    procedureName: text('procedure_name').notNull(),
    redirectUrl: text('redirect_url'),
    gatewayTxnId: text('gateway_txn_id'),
    bankCode: text('bank_code'),
    failureCode: text('failure_code'),
    /** Desk payments: the officer who took the money, and the bank transfer's reference. */
    recordedBy: text('recorded_by'),
    transferRef: text('transfer_ref'),
    queryCount: integer('query_count').notNull().default(0),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    refundReason: text('refund_reason'),
    refundedBy: text('refunded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One live payment per obligation: concurrent attempts cannot both create one.
    uniqueIndex('payments_one_live_idx')
      .on(t.obligationId)
      .where(sql`status in ('pending', 'paid', 'review')`),
    index('payments_agency_created_idx').on(t.agencyCode, t.createdAt),
    index('payments_gateway_created_idx').on(t.gateway, t.createdAt),
    index('payments_dossier_idx').on(t.dossierCode, t.createdAt),
    // A bank transaction settles at most one payment: a statement line reported twice is a replay.
    uniqueIndex('payments_bank_txn_idx')
      .on(t.gatewayTxnId)
      .where(sql`gateway = 'vietqr'`),
  ],
);

/**
 * The bank account into which an agency collects fees (tài khoản thu phí, lệ phí), for VietQR
 * bank transfers: the bank's NAPAS BIN and the account number, as the QR code carries them.
 */
export const collectionAccounts = paymentsSchema.table('collection_accounts', {
  agencyCode: text('agency_code').primaryKey(),
  bankBin: text('bank_bin').notNull(),
  bankName: text('bank_name').notNull(),
  accountNumber: text('account_number').notNull(),
  accountName: text('account_name').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Electronic receipt (biên lai điện tử): numbered per agency and year without gaps. */
export const receipts = paymentsSchema.table(
  'receipts',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id').notNull().unique(),
    agencyCode: text('agency_code').notNull(),
    agencyName: text('agency_name').notNull(),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    /** Mẫu số and ký hiệu of the receipt template. */
    templateCode: text('template_code').notNull(),
    serial: text('serial').notNull(),
    payerName: text('payer_name').notNull(),
    payerIdNumber: text('payer_id_number'),
    dossierCode: text('dossier_code').notNull(),
    procedureName: text('procedure_name').notNull(),
    lines: jsonb('lines').notNull().$type<FeeLineRow[]>(),
    amount: integer('amount').notNull(),
    method: text('method').notNull().$type<'online' | 'cash' | 'transfer'>(),
    gateway: text('gateway').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** The PDF sealed with the agency's seal (PAdES), in the file store; null until sealed. */
    sealedSha256: text('sealed_sha256'),
  },
  (t) => [uniqueIndex('receipts_number_idx').on(t.agencyCode, t.year, t.number)],
);

/** The last receipt number of an agency in a year (row-locked while a receipt is issued). */
export const receiptCounters = paymentsSchema.table(
  'receipt_counters',
  {
    agencyCode: text('agency_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.year] })],
);

/** Every notification a gateway sent us, whatever became of it (applied, duplicate, forged …). */
export const callbacks = paymentsSchema.table(
  'callbacks',
  {
    id: text('id').primaryKey(),
    gateway: text('gateway').notNull(),
    reference: text('reference'),
    paymentId: text('payment_id'),
    outcome: text('outcome').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    ip: text('ip'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('callbacks_payment_idx').on(t.paymentId, t.receivedAt),
    index('callbacks_received_idx').on(t.receivedAt),
  ],
);

export interface MismatchRow {
  kind: 'missing_here' | 'missing_there' | 'amount_differs' | 'status_differs';
  reference: string;
  paymentId: string | null;
  agencyCode: string | null;
  ours: { status: string; amount: number } | null;
  theirs: { status: string; amount: number; gatewayTxnId: string | null } | null;
}

/** The last reconciliation of a gateway's transaction report for one day (Vietnam date). */
export const reconciliations = paymentsSchema.table(
  'reconciliations',
  {
    id: text('id').primaryKey(),
    gateway: text('gateway').notNull(),
    day: text('day').notNull(),
    ours: integer('ours').notNull(),
    theirs: integer('theirs').notNull(),
    matched: integer('matched').notNull(),
    mismatches: jsonb('mismatches').notNull().$type<MismatchRow[]>(),
    /** Our payments and the matched ones per agency, so that an agency sees only its own figures. */
    byAgency: jsonb('by_agency').notNull().default({}).$type<Record<string, { ours: number; matched: number }>>(),
    runs: integer('runs').notNull().default(1),
    ranBy: text('ran_by'),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reconciliations_day_idx').on(t.gateway, t.day)],
);

export type BankPushStatus = 'open' | 'matched' | 'dismissed';

/**
 * A transfer a bank pushed (through an aggregator) that settled nothing by itself: no reference of ours in its
 * content, another amount, a payment no longer waiting. The agency's payments officer matches it to a waiting
 * payment by hand or dismisses it with a reason. `agencyCode` is the agency whose collection account received it
 * (null: an account no agency here collects into — only the platform administrator sees those).
 */
export const bankPushes = paymentsSchema.table(
  'bank_pushes',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull().$type<'sepay'>(),
    /** The bank's transaction reference (else the aggregator's id): one row per transaction, however often pushed. */
    bankTxnId: text('bank_txn_id').notNull(),
    agencyCode: text('agency_code'),
    bank: text('bank').notNull(),
    accountNumber: text('account_number'),
    amount: integer('amount').notNull(),
    content: text('content').notNull(),
    transactionAt: timestamp('transaction_at', { withTimezone: true }),
    /** Why it did not settle: NOT_MATCHED, AMOUNT_MISMATCH, PAYMENT_NOT_PENDING, BANK_TXN_USED. */
    reason: text('reason').notNull(),
    /** The payment its content named, if any. */
    candidatePaymentId: text('candidate_payment_id'),
    status: text('status').notNull().$type<BankPushStatus>().default('open'),
    paymentId: text('payment_id'),
    resolvedBy: text('resolved_by'),
    resolvedByName: text('resolved_by_name'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    dismissReason: text('dismiss_reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('bank_pushes_txn_idx').on(t.provider, t.bankTxnId),
    index('bank_pushes_agency_idx').on(t.agencyCode, t.status, t.receivedAt),
  ],
);
