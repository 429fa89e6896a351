import type { Executor } from '../../../platform/db/index.js';
import type { ActorContext } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { vnParts } from '../../../platform/pdf/index.js';
import { recordAudit } from '../../audit/index.js';
import type { PaymentsContext } from '../payments.context.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { tellDossier } from './obligations.js';
import { SEAL_RECEIPT_JOB } from './seal-receipt.js';
import { receiptNo } from './views.js';

export interface PaidInfo {
  paidAt: Date;
  gatewayTxnId?: string | null;
  bankCode?: string | null;
  /** How we learned it: the gateway's notification, our QUERY, the desk, or an officer's review. */
  via: 'callback' | 'query' | 'desk' | 'init' | 'review' | 'transfer';
  /** Desk payments: the officer's name for the dossier's history. */
  byName?: string;
}

/**
 * A payment is paid: the obligation too, the receipt is numbered (per agency and year, in this
 * transaction so a rollback leaves no gap), the dossier is told by a job, and it is audited.
 * `pay` must be locked by the caller and pending.
 */
export async function settlePaid(
  ctx: PaymentsContext,
  tx: Executor,
  pay: PaymentRow,
  info: PaidInfo,
  actor: ActorContext,
) {
  const now = ctx.clock.now();
  const o = await repo.lockObligation(tx, pay.obligationId);
  const paid = await repo.updatePayment(tx, pay.id, {
    status: 'paid',
    paidAt: info.paidAt,
    gatewayTxnId: info.gatewayTxnId ?? pay.gatewayTxnId,
    bankCode: info.bankCode ?? pay.bankCode,
    updatedAt: now,
  });
  const obligation = await repo.updateObligation(tx, o.id, {
    status: 'paid',
    paidAt: info.paidAt,
    version: o.version + 1,
    updatedAt: now,
  });
  const year = vnParts(info.paidAt).year;
  const receiptId = newId('rct');
  await enqueueJob(tx, SEAL_RECEIPT_JOB, { receiptId }, { dedupeKey: `seal:${receiptId}` });
  // The counter row is locked from here to commit (numbers without gaps): keep what follows short.
  const number = await repo.nextReceiptNumber(tx, pay.agencyCode, year);
  const receipt = await repo.insertReceipt(tx, {
    id: receiptId,
    paymentId: pay.id,
    agencyCode: pay.agencyCode,
    agencyName: pay.agencyName,
    year,
    number,
    templateCode: ctx.settings.receipt.templateCode,
    serial: `${ctx.settings.receipt.serialPrefix}/${String(year % 100).padStart(2, '0')}E`,
    payerName: pay.payerName,
    payerIdNumber: pay.payerIdNumber,
    dossierCode: pay.dossierCode,
    procedureName: pay.procedureName,
    lines: obligation.lines,
    amount: pay.amount,
    method: pay.method,
    gateway: pay.gateway,
    issuedAt: info.paidAt,
  });
  await tellDossier(tx, obligation, 'paid', {
    paidOnline: pay.method === 'online',
    actorName: pay.method === 'online' ? pay.payerName : (info.byName ?? actor.actorName),
    note: `Biên lai số ${receiptNo(number)}, ký hiệu ${receipt.serial}`,
  });
  await recordAudit(
    tx,
    actor,
    {
      action: 'payment.paid',
      subjectType: 'payment',
      subjectId: pay.id,
      before: { status: pay.status },
      after: {
        status: 'paid',
        via: info.via,
        amount: pay.amount,
        dossier: pay.dossierCode,
        receipt: `${receipt.serial} ${receiptNo(number)}`,
      },
    },
    now,
  );
  return paid;
}

/** A payment failed (the gateway said so, or it expired unpaid): the obligation stays due. */
export async function settleFailed(
  ctx: PaymentsContext,
  tx: Executor,
  pay: PaymentRow,
  code: string,
  via: PaidInfo['via'],
  actor: ActorContext,
) {
  const now = ctx.clock.now();
  const failed = await repo.updatePayment(tx, pay.id, {
    status: 'failed',
    failedAt: now,
    failureCode: code,
    updatedAt: now,
  });
  await recordAudit(
    tx,
    actor,
    {
      action: 'payment.failed',
      subjectType: 'payment',
      subjectId: pay.id,
      before: { status: pay.status },
      after: { status: 'failed', via, code },
    },
    now,
  );
  return failed;
}

/**
 * The gateway neither paid nor failed the payment, and the payer may have been debited (VNPAY 04,
 * 07): it waits for an officer (or a later QUERY). The obligation stays due but blocked.
 */
export async function settleReview(
  ctx: PaymentsContext,
  tx: Executor,
  pay: PaymentRow,
  code: string,
  via: PaidInfo['via'],
  actor: ActorContext,
) {
  const now = ctx.clock.now();
  if (pay.status === 'review' && pay.failureCode === code) return pay;
  const review = await repo.updatePayment(tx, pay.id, { status: 'review', failureCode: code, updatedAt: now });
  await recordAudit(
    tx,
    actor,
    {
      action: 'payment.review',
      subjectType: 'payment',
      subjectId: pay.id,
      before: { status: pay.status },
      after: { status: 'review', via, code },
    },
    now,
  );
  return review;
}

/** The actor of what a gateway told us. */
export const gatewayActor = (gateway: string, ip: string | null): ActorContext => ({
  actorId: null,
  actorName: `gateway:${gateway}`,
  agencyCode: null,
  ip,
  userAgent: null,
});
