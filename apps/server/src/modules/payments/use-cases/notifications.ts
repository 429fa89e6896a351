import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { GatewayName, NotificationOutcome, VerifiedNotification } from '../gateways/gateway.js';
import type { PaymentsContext } from '../payments.context.js';
import { paymentsRepository as repo } from '../payments.repository.js';
import { gatewayActor, settleFailed, settlePaid, settleReview } from './settle.js';

export interface NotificationInput {
  query: Record<string, string>;
  body: unknown;
  ip: string | null;
}

/**
 * A gateway's server-to-server notification. Authenticated only by its signature; then the merchant,
 * the reference and the amount must match a pending payment of ours. Anything else — forged,
 * repeated, late, wrong amount, unknown — changes nothing, is logged and audited, and gets the
 * protocol's answer. The notification row and the payment change commit together.
 */
export async function handleNotification(
  ctx: PaymentsContext,
  gateway: GatewayName,
  input: NotificationInput,
): Promise<{ status: number; body: unknown }> {
  const gw = ctx.gateway(gateway);
  const payload = (gateway === 'vnpay' ? input.query : (input.body ?? {})) as Record<string, unknown>;
  const actor = gatewayActor(gateway, input.ip);
  const check = gw.verifyNotification(input);
  if (!check.ok) {
    const known = check.reference ? await repo.paymentByReference(ctx.db, check.reference) : null;
    await record(ctx, gateway, check.reason, check.reference, known?.id ?? null, payload, input.ip, {
      reason: check.reason,
    });
    ctx.log.warn({ gateway, reference: check.reference, outcome: check.reason }, 'payment notification refused');
    return gw.answer(check.reason, check.reference);
  }
  const n = check.n;
  const pay0 = await repo.paymentByReference(ctx.db, n.reference);
  if (!pay0 || pay0.gateway !== gateway) {
    await record(ctx, gateway, 'unknown_reference', n.reference, null, payload, input.ip, {
      amount: n.amount,
      paid: n.paid,
    });
    return gw.answer('unknown_reference', n.reference);
  }
  try {
    const outcome = await ctx.db.transaction(async (tx) => {
      const pay = (await repo.lockPayment(tx, pay0.id))!;
      const now = ctx.clock.now();
      const outcome = judge(pay.status, pay.amount, n);
      await repo.logCallback(tx, {
        id: newId('pcb'),
        gateway,
        reference: n.reference,
        paymentId: pay.id,
        outcome,
        payload,
        ip: input.ip,
        receivedAt: now,
      });
      if (outcome !== 'applied') {
        await recordAudit(
          tx,
          actor,
          {
            action: 'payment.notification_ignored',
            subjectType: 'payment',
            subjectId: pay.id,
            after: {
              outcome,
              status: pay.status,
              expected: pay.amount,
              reported: n.amount,
              paid: n.paid,
              code: n.resultCode,
            },
          },
          now,
        );
      } else if (n.paid) {
        await settlePaid(
          ctx,
          tx,
          pay,
          { paidAt: now, gatewayTxnId: n.gatewayTxnId, bankCode: n.bankCode, via: 'callback' },
          actor,
        );
      } else if (n.review) {
        // Debited, but not completed or suspected of fraud: neither paid nor failed until a person decides.
        await settleReview(ctx, tx, pay, `GATEWAY_${n.resultCode}`, 'callback', actor);
      } else {
        await settleFailed(ctx, tx, pay, `GATEWAY_${n.resultCode}`, 'callback', actor);
      }
      return outcome;
    });
    if (outcome !== 'applied')
      ctx.log.warn({ gateway, reference: n.reference, outcome }, 'payment notification ignored');
    return gw.answer(outcome, n.reference);
  } catch (e) {
    ctx.log.error({ err: e, gateway, reference: n.reference }, 'payment notification failed');
    return gw.answer('error', n.reference);
  }
}

/** What a verified notification may do to a payment in this state. */
export function judge(status: string, amount: number, n: VerifiedNotification): NotificationOutcome {
  if (n.amount !== amount) return 'amount_mismatch';
  if (status === 'paid') return n.paid ? 'duplicate' : 'late';
  if (status !== 'pending') return 'late';
  return 'applied';
}

async function record(
  ctx: PaymentsContext,
  gateway: string,
  outcome: NotificationOutcome,
  reference: string | null,
  paymentId: string | null,
  payload: Record<string, unknown>,
  ip: string | null,
  detail: Record<string, unknown>,
) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.logCallback(tx, {
      id: newId('pcb'),
      gateway,
      reference,
      paymentId,
      outcome,
      payload,
      ip,
      receivedAt: now,
    });
    await recordAudit(
      tx,
      gatewayActor(gateway, ip),
      {
        action: 'payment.notification_refused',
        subjectType: 'payment',
        subjectId: paymentId ?? reference,
        after: { outcome, reference, ...detail },
      },
      now,
    );
  });
}
