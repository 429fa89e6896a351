import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import { GatewayError, type GatewayName } from '../gateways/gateway.js';
import type { PaymentsContext } from '../payments.context.js';
import { hasAnyRole, REFUNDERS } from '../payments.policy.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { tellDossier } from './obligations.js';

/**
 * An officer gives a payment back: through the gateway's refund message for online payments (also
 * for money the gateway took on a payment we had given up, and for a payment in review), recorded
 * as handed back for desk payments. A refunded fee is due again on an open dossier. A refund the
 * gateway accepted may still be under way at the bank (VNPAY 05/06): the audit says so; a refund
 * the bank refused (VNPAY 09) is REFUND_REFUSED and changes nothing.
 */
export async function refundPayment(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  paymentId: string,
  input: { reason: string },
) {
  if (p.kind !== 'staff' || !hasAnyRole(p, REFUNDERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Leaders and agency administrators refund.');
  const pay0 = await repo.payment(ctx.db, paymentId);
  if (!pay0) throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  await ctx.dossier(pay0.dossierCode, p, { staffOnly: true }).catch(() => {
    throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  });
  const reason = input.reason.trim().normalize('NFC');
  let gatewayState: string | null = null;
  let takenByGateway = pay0.status === 'paid' || (pay0.method === 'online' && pay0.status === 'review');
  if (pay0.method === 'online') {
    const gw = ctx.gateway(pay0.gateway as GatewayName);
    if (pay0.status === 'failed') {
      // We gave it up, but did the gateway take the money after all?
      const state = await gw.query(pay0.reference, pay0.createdAt, '127.0.0.1').catch(() => null);
      takenByGateway = state?.status === 'paid' && state.amount === pay0.amount;
    }
    if (!takenByGateway)
      throw new ConflictError('PAYMENT_NOT_REFUNDABLE', 'Only a paid payment can be refunded.', {
        status: pay0.status,
      });
    let r;
    try {
      r = await gw.refund({
        reference: pay0.reference,
        amount: pay0.amount,
        createdAt: pay0.createdAt,
        gatewayTxnId: pay0.gatewayTxnId,
        reason,
        by: p.username,
        clientIp: '127.0.0.1',
      });
    } catch (e) {
      if (e instanceof GatewayError)
        throw new AppError(502, 'GATEWAY_UNAVAILABLE', 'The payment gateway did not answer; try again.', {
          gateway: pay0.gateway,
        });
      throw e;
    }
    if (!r.ok) throw new ConflictError('REFUND_REFUSED', 'The gateway refused the refund.', { gatewayCode: r.code });
    gatewayState = r.state;
  } else if (pay0.status !== 'paid') {
    throw new ConflictError('PAYMENT_NOT_REFUNDABLE', 'Only a paid payment can be refunded.', { status: pay0.status });
  }
  return ctx.db.transaction(async (tx) => {
    const pay = (await repo.lockPayment(tx, paymentId))!;
    if (pay.status === 'refunded') return pay;
    const now = ctx.clock.now();
    const refunded: PaymentRow = await repo.updatePayment(tx, pay.id, {
      status: 'refunded',
      refundedAt: now,
      refundReason: reason,
      refundedBy: p.userId,
      updatedAt: now,
    });
    if (pay.status === 'paid') {
      const o = await repo.lockObligation(tx, pay.obligationId);
      const due = await repo.updateObligation(tx, o.id, {
        status: 'due',
        paidAt: null,
        version: o.version + 1,
        updatedAt: now,
      });
      await tellDossier(tx, due, 'refunded', { paidOnline: false, actorName: p.fullName, note: reason });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.refunded',
        subjectType: 'payment',
        subjectId: pay.id,
        before: { status: pay.status },
        after: { status: 'refunded', amount: pay.amount, reason, dossier: pay.dossierCode, gatewayState },
      },
      now,
    );
    return refunded;
  });
}
