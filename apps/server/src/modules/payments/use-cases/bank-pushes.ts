import type { Executor } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { type BankPushRow, bankPushesRepository as pushes } from '../bank-pushes.repository.js';
import type { BankPushStatus } from '../db/schema.js';
import type { PaymentsContext } from '../payments.context.js';
import { hasAnyRole, TRANSFER_REPORTERS } from '../payments.policy.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { settleTransfer } from './vietqr.js';

/** Who looks after the bank pushes that settled nothing: the agency's transfer reporters, and the administrator. */
const PUSH_HANDLERS = [...TRANSFER_REPORTERS, 'admin'];

export interface UnmatchedPush {
  provider: 'sepay';
  bankTxnId: string;
  bank: string;
  accountNumbers: string[];
  amount: number;
  content: string;
  transactionAt: Date | null;
  reason: string;
  candidate: PaymentRow | undefined;
}

/**
 * Keep a push that settled nothing, once per bank transaction, for the agency whose account received it: the
 * agency of the payment its content named, else the one agency collecting into that account (none, when several
 * share it or none does: then only the administrator sees it).
 */
export async function keepUnmatchedPush(ctx: PaymentsContext, tx: Executor, u: UnmatchedPush): Promise<BankPushRow> {
  const owners = u.candidate ? [u.candidate.agencyCode] : await pushes.agenciesOfAccount(tx, u.accountNumbers);
  return pushes.keep(tx, {
    id: newId('bpu'),
    provider: u.provider,
    bankTxnId: u.bankTxnId,
    agencyCode: owners.length === 1 ? owners[0]! : null,
    bank: u.bank.slice(0, 100),
    accountNumber: u.accountNumbers[0] ?? null,
    amount: u.amount,
    content: u.content.slice(0, 1000),
    transactionAt: u.transactionAt,
    reason: u.reason,
    candidatePaymentId: u.candidate?.id ?? null,
    receivedAt: ctx.clock.now(),
  });
}

/** The agencies whose pushes the caller handles (undefined: all, for the administrator). */
async function scopeOf(ctx: PaymentsContext, p: Principal): Promise<string[] | undefined> {
  if (p.kind !== 'staff' || !hasAnyRole(p, PUSH_HANDLERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Desk officers, leaders and agency administrators handle bank pushes.');
  if (p.roles.includes('admin')) return undefined;
  if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
  return ctx.directory.subtreeCodes(p.agencyCode);
}

/** One push the caller may handle; another agency's does not exist for him. */
async function visiblePush(ctx: PaymentsContext, p: Principal, id: string): Promise<BankPushRow> {
  const scope = await scopeOf(ctx, p);
  const row = await pushes.byId(ctx.db, id);
  if (!row || (scope && (!row.agencyCode || !scope.includes(row.agencyCode))))
    throw new NotFoundError('BANK_PUSH_NOT_FOUND', 'No such bank push.');
  return row;
}

/** The pushes of the caller's agency (and the units below it), the open ones unless asked otherwise. */
export async function listBankPushes(ctx: PaymentsContext, p: Principal, q: { status: BankPushStatus | 'all' }) {
  const scope = await scopeOf(ctx, p);
  return pushes.list(ctx.db, { agencyCodes: scope, status: q.status === 'all' ? undefined : q.status, limit: 200 });
}

/** The payments a push may be matched to: bank transfers of its agency still waiting, those of its amount first. */
export async function pushCandidates(ctx: PaymentsContext, p: Principal, id: string) {
  const row = await visiblePush(ctx, p, id);
  if (row.status !== 'open' || !row.agencyCode) return [];
  return pushes.waitingTransfers(ctx.db, [row.agencyCode], row.amount);
}

/**
 * The officer matches a push to a waiting bank-transfer payment of the agency whose account received it: it
 * settles as a reported transfer (receipt, dossier told, audited), the bank transaction settling one payment only.
 * The push is locked in the settling transaction, so two officers matching it at once settle once: the second
 * sees it matched (the same payment: the first settlement again; another: 409).
 */
export async function matchBankPush(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  id: string,
  paymentId: string,
) {
  const row = await visiblePush(ctx, p, id);
  const pay0 = await repo.payment(ctx.db, paymentId);
  if (!pay0 || pay0.gateway !== 'vietqr' || !row.agencyCode || pay0.agencyCode !== row.agencyCode)
    throw ValidationError.field(
      'paymentId',
      'PAYMENT_NOT_ELIGIBLE',
      'Only a bank-transfer payment of the agency whose account received the money can be matched.',
    );
  const resolved = (r: BankPushRow) =>
    new ConflictError('BANK_PUSH_RESOLVED', 'This bank push was already handled.', {
      status: r.status,
      paymentId: r.paymentId,
    });
  if (row.status === 'dismissed' || (row.status === 'matched' && row.paymentId !== pay0.id)) throw resolved(row);
  const r = await settleTransfer(ctx, actor, pay0, {
    content: row.content,
    amount: row.amount,
    bankTxnId: row.bankTxnId,
    paidAt: row.transactionAt ?? undefined,
    byName: p.fullName,
    audit: 'payment.transfer_push_matched',
    guard: async (tx) => {
      const now = (await pushes.lock(tx, id))!;
      if (now.status === 'dismissed' || (now.status === 'matched' && now.paymentId !== pay0.id)) throw resolved(now);
    },
  });
  return { push: (await pushes.byId(ctx.db, id))!, paymentId: r.payment.id, replayed: r.replayed };
}

/** The officer sets a push aside with the reason (a transfer for something else, a refund to make): audited. */
export async function dismissBankPush(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  id: string,
  reason: string,
) {
  await visiblePush(ctx, p, id);
  const why = reason.normalize('NFC').trim();
  if (why.length < 3) throw ValidationError.field('reason', 'REQUIRED', 'Say why the push is set aside.');
  return ctx.db.transaction(async (tx) => {
    const row = (await pushes.lock(tx, id))!;
    if (row.status === 'dismissed' && row.dismissReason === why) return row;
    if (row.status !== 'open')
      throw new ConflictError('BANK_PUSH_RESOLVED', 'This bank push was already handled.', {
        status: row.status,
        paymentId: row.paymentId,
      });
    const now = ctx.clock.now();
    const done = await pushes.resolve(tx, id, {
      status: 'dismissed',
      paymentId: null,
      resolvedBy: p.userId,
      resolvedByName: p.fullName,
      resolvedAt: now,
      dismissReason: why,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.transfer_push_dismissed',
        subjectType: 'bank_push',
        subjectId: id,
        after: { bankTxnId: row.bankTxnId, amount: row.amount, reason: why },
      },
      now,
    );
    return done;
  });
}
