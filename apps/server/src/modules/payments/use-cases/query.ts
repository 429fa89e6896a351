import { type ActorContext, systemActor } from '../../../platform/http/auth.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { recordAudit } from '../../audit/index.js';
import { GatewayError, type GatewayName } from '../gateways/gateway.js';
import type { PaymentsContext } from '../payments.context.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { settleFailed, settlePaid, settleReview } from './settle.js';
import type { JobRegistry } from '../../../platform/module.js';

export const QUERY_JOB = 'payments.query-status';
const QUERYABLE: string[] = ['pending', 'review'];
/** After the payer's deadline the gateway gets this long to settle before we give the payment up. */
export const GRACE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 12;

/** Next QUERY after attempt n: 1, 2, 4 … minutes, at most 30. */
export const queryBackoffMs = (attempt: number) => Math.min(30, 2 ** (attempt - 1)) * 60_000;

/**
 * Ask the gateway what became of a pending payment (or one in review) and apply the answer: paid
 * (with a receipt), failed, in review (the payer may have been debited: VNPAY 04, 07, a refund
 * under way we did not ask for, a code we do not know), or — past the deadline and grace with no
 * final answer — given up as expired. A payment in review is never given up by a QUERY.
 */
export async function resolveByQuery(
  ctx: PaymentsContext,
  paymentId: string,
  actor: ActorContext = systemActor,
): Promise<PaymentRow | null> {
  const pay0 = await repo.payment(ctx.db, paymentId);
  if (!pay0 || !QUERYABLE.includes(pay0.status) || pay0.method !== 'online') return pay0;
  const state = await ctx.gateway(pay0.gateway as GatewayName).query(pay0.reference, pay0.createdAt, '127.0.0.1');
  return ctx.db.transaction(async (tx) => {
    const pay = (await repo.lockPayment(tx, paymentId))!;
    if (!QUERYABLE.includes(pay.status)) return pay;
    const now = ctx.clock.now();
    const counted = await repo.updatePayment(tx, pay.id, {
      queryCount: pay.queryCount + 1,
      lastQueriedAt: now,
      updatedAt: now,
    });
    // A refund the bank refused leaves the money with us: paid.
    if (state.status === 'paid' || state.status === 'refund_refused') {
      if (state.amount !== pay.amount) {
        await recordAudit(
          tx,
          actor,
          {
            action: 'payment.query_mismatch',
            subjectType: 'payment',
            subjectId: pay.id,
            after: { expected: pay.amount, reported: state.amount },
          },
          now,
        );
        return counted;
      }
      return settlePaid(
        ctx,
        tx,
        counted,
        { paidAt: state.paidAt ?? now, gatewayTxnId: state.gatewayTxnId, bankCode: state.bankCode, via: 'query' },
        actor,
      );
    }
    if (state.status === 'failed') return settleFailed(ctx, tx, counted, 'GATEWAY_FAILED', 'query', actor);
    if (state.status === 'review' || state.status === 'refunding' || state.status === 'refunded')
      return settleReview(ctx, tx, counted, `GATEWAY_${state.code ?? state.status.toUpperCase()}`, 'query', actor);
    if (pay.status === 'review') return counted;
    const expired = pay.expiresAt && pay.expiresAt.getTime() + GRACE_MS <= now.getTime();
    if (expired)
      return settleFailed(ctx, tx, counted, state.status === 'unknown' ? 'NOT_AT_GATEWAY' : 'EXPIRED', 'query', actor);
    return counted;
  });
}

/** The QUERY job: resolve, or ask again later with backoff until the payment is settled one way or the other. */
export function registerQueryJob(runner: JobRegistry, ctx: PaymentsContext) {
  runner.register(QUERY_JOB, async (payload) => {
    const paymentId = String(payload.paymentId);
    const attempt = Number(payload.attempt) || 1;
    let pay: PaymentRow | null;
    try {
      pay = await resolveByQuery(ctx, paymentId);
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
      ctx.log.warn({ payment: paymentId, attempt, err: e.message }, 'payment query failed');
      pay = await repo.payment(ctx.db, paymentId);
    }
    if (pay?.status !== 'pending') return;
    if (attempt >= MAX_ATTEMPTS) {
      ctx.log.error({ payment: paymentId }, 'payment still pending after every query: reconcile by hand');
      return;
    }
    const runAt = new Date(ctx.clock.now().getTime() + queryBackoffMs(attempt + 1));
    await enqueueJob(
      ctx.db,
      QUERY_JOB,
      { paymentId, attempt: attempt + 1 },
      { runAt, dedupeKey: `pq:${paymentId}:${attempt + 1}` },
    );
  });
}
