import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { PaymentsContext } from '../payments.context.js';
import { hasAnyRole, REVIEWERS } from '../payments.policy.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { settleFailed, settlePaid } from './settle.js';

export interface ReviewDecision {
  /** `paid`: the money reached the agency (a receipt is issued); `failed`: it did not, the fee is due again. */
  decision: 'paid' | 'failed';
  note: string;
}

/**
 * An officer decides a payment the gateway left in review (VNPAY 04 reversed after the debit, 07
 * suspected fraud), after checking with the gateway or the bank. Paid: receipt and dossier as for
 * any payment. Not paid: the payment fails and the applicant may pay again; money the bank kept
 * is then given back with a refund. Repeating the same decision answers the payment unchanged.
 */
export async function decideReview(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  paymentId: string,
  input: ReviewDecision,
): Promise<PaymentRow> {
  if (p.kind !== 'staff' || !hasAnyRole(p, REVIEWERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Leaders and agency administrators decide payments in review.');
  const pay0 = await repo.payment(ctx.db, paymentId);
  if (!pay0) throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  await ctx.dossier(pay0.dossierCode, p, { staffOnly: true }).catch(() => {
    throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  });
  const note = input.note.trim().normalize('NFC');
  return ctx.db.transaction(async (tx) => {
    const pay = (await repo.lockPayment(tx, paymentId))!;
    // The same decision again (a double click, a retry): the payment as it is.
    if (input.decision === 'paid' && pay.status === 'paid') return pay;
    if (input.decision === 'failed' && pay.status === 'failed' && pay.failureCode?.startsWith('REVIEW_REJECTED'))
      return pay;
    if (pay.status !== 'review')
      throw new ConflictError('PAYMENT_NOT_IN_REVIEW', 'Only a payment in review can be decided.', {
        status: pay.status,
      });
    const now = ctx.clock.now();
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.review_decided',
        subjectType: 'payment',
        subjectId: pay.id,
        before: { status: 'review', code: pay.failureCode },
        after: { decision: input.decision, note, dossier: pay.dossierCode },
      },
      now,
    );
    return input.decision === 'paid'
      ? settlePaid(ctx, tx, pay, { paidAt: now, via: 'review', byName: p.fullName }, actor)
      : settleFailed(ctx, tx, pay, `REVIEW_REJECTED:${pay.failureCode ?? ''}`, 'review', actor);
  });
}
