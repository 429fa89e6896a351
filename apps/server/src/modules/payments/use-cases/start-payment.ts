import { randomBytes } from 'node:crypto';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { AppError, ConflictError, ForbiddenError } from '../../../platform/http/errors.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { recordAudit } from '../../audit/index.js';
import { GatewayError, type GatewayName, type InitRequest } from '../gateways/gateway.js';
import type { PaymentsContext } from '../payments.context.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { initialObligation } from './obligations.js';
import { QUERY_JOB, resolveByQuery } from './query.js';
import { gatewayActor, settleFailed } from './settle.js';

/** Our reference at the gateway: P + time + random, ASCII, unique, under VNPAY's and DVCQG's limits. */
export function newReference(now: Date): string {
  return `P${now.getTime().toString(36).toUpperCase()}${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** First QUERY when the notification has not come within a minute. */
export const FIRST_QUERY_MS = 60_000;

export interface StartResult {
  paymentId: string;
  redirectUrl: string;
  status: PaymentRow['status'];
  gateway: GatewayName;
  amount: number;
}

/**
 * The applicant starts paying the dossier's fee online. Idempotent per key; and whatever the key,
 * the obligation row lock and a unique index allow one live payment: a second attempt while one
 * is pending gets that one back (the double click, two tabs), never a second payment.
 */
export async function startPayment(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  input: { gateway?: GatewayName },
  key: string | undefined,
  clientIp: string,
) {
  if (p.kind === 'staff' || p.kind === 'client')
    throw new ForbiddenError(
      'FORBIDDEN_ROLE',
      'Online payment is for the applicant; officers record payments at the desk.',
    );
  const d = await ctx.dossier(code, p);
  if (!d.access.isApplicant) throw new ForbiddenError('NOT_APPLICANT', 'Only the applicant pays online.');
  const gatewayName = input.gateway ?? ctx.settings.defaultGateway;
  const gw = ctx.gateway(gatewayName); // 503 now if this gateway is not configured
  if (d.terminal) throw new ConflictError('DOSSIER_CLOSED', 'The dossier is closed.', { state: d.state });
  // A pending attempt past its deadline may still have been paid at the gateway: ask first.
  const stale = await repo.stalePending(ctx.db, d.code, ctx.clock.now());
  if (stale) await resolveByQuery(ctx, stale.id).catch(() => undefined);
  const agency = await ctx.directory.find(d.agencyCode);

  const r = await withIdempotency<StartBody>(
    ctx.db,
    `payment.start:${p.userId}`,
    key,
    { code: d.code, gateway: gatewayName },
    async (tx) => {
      const now = ctx.clock.now();
      const o = await repo.lockOrCreateObligation(tx, initialObligation(d, now));
      if (o.status === 'paid') throw new ConflictError('FEE_ALREADY_PAID', 'The fee is already paid.');
      if (o.status === 'none' || o.amount <= 0)
        throw new ConflictError('NO_FEE_DUE', 'Nothing is due for this dossier.');
      const live = await repo.livePayment(tx, o.id);
      if (live?.status === 'paid') throw new ConflictError('FEE_ALREADY_PAID', 'The fee is already paid.');
      // The payer may have been debited for it: no second attempt until an officer has decided.
      if (live?.status === 'review')
        throw new ConflictError('PAYMENT_IN_REVIEW', 'A payment of this fee is being checked by the agency.', {
          paymentId: live.id,
        });
      if (live?.gateway === 'vietqr')
        throw new ConflictError('TRANSFER_PENDING', 'A bank transfer by QR is waiting; cancel it to pay online.', {
          paymentId: live.id,
        });
      if (live) return { status: 200, body: bodyOf(live) };
      const row = {
        id: newId('pay'),
        obligationId: o.id,
        dossierCode: d.code,
        agencyCode: d.agencyCode,
        reference: newReference(now),
        gateway: gatewayName,
        method: 'online' as const,
        amount: o.amount,
        status: 'pending' as const,
        payerId: p.userId,
        payerName: d.applicant.fullName,
        payerIdNumber: d.applicant.idNumber,
        agencyName: agency?.name ?? d.agencyCode,
        procedureName: d.procedureName,
        expiresAt: new Date(now.getTime() + ctx.settings.expireMinutes * 60_000),
        createdAt: now,
        updatedAt: now,
      };
      // A URL signed here costs no network call, so it is stored with the row.
      const redirectUrl = gw.localInit
        ? (await gw.init(initRequest(row, o.lines, d.procedureCode, clientIp))).redirectUrl
        : null;
      const pay = await repo.insertPayment(tx, { ...row, redirectUrl });
      await enqueueJob(
        tx,
        QUERY_JOB,
        { paymentId: pay.id, attempt: 1 },
        { runAt: new Date(now.getTime() + FIRST_QUERY_MS), dedupeKey: `pq:${pay.id}:1` },
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'payment.started',
          subjectType: 'payment',
          subjectId: pay.id,
          after: { dossier: d.code, gateway: gatewayName, amount: pay.amount, reference: pay.reference },
        },
        now,
      );
      return { status: 201, body: bodyOf(pay) };
    },
  );

  let body: StartResult = { ...r.body, redirectUrl: r.body.redirectUrl ?? '' };
  if (!r.body.redirectUrl) {
    const pay = (await repo.payment(ctx.db, r.body.paymentId))!;
    body = { ...bodyOf(pay), redirectUrl: await redirectFor(ctx, pay, d.procedureCode, clientIp) };
  }
  return { status: r.status, body, replayed: r.replayed };
}

type StartBody = Omit<StartResult, 'redirectUrl'> & { redirectUrl: string | null };
const bodyOf = (pay: PaymentRow): StartBody => ({
  paymentId: pay.id,
  redirectUrl: pay.redirectUrl,
  status: pay.status,
  gateway: pay.gateway as GatewayName,
  amount: pay.amount,
});

function initRequest(
  pay: Pick<
    PaymentRow,
    | 'reference'
    | 'amount'
    | 'createdAt'
    | 'expiresAt'
    | 'dossierCode'
    | 'procedureName'
    | 'agencyCode'
    | 'agencyName'
    | 'payerName'
    | 'payerIdNumber'
  >,
  lines: { label: string; amount: number }[],
  procedureCode: string,
  clientIp: string,
): InitRequest {
  return {
    reference: pay.reference,
    amount: pay.amount,
    createdAt: pay.createdAt,
    expiresAt: pay.expiresAt!,
    description: `Thanh toan phi le phi ho so ${pay.dossierCode}`,
    clientIp,
    dossierCode: pay.dossierCode,
    procedureCode,
    procedureName: pay.procedureName,
    agencyCode: pay.agencyCode,
    agencyName: pay.agencyName,
    payerName: pay.payerName,
    payerIdNumber: pay.payerIdNumber,
    lines,
  };
}

/**
 * The gateway URL of a pending payment: registered at the gateway (INIT) after our row committed,
 * so no network call runs inside a transaction; a crash in between only means INIT runs again.
 */
async function redirectFor(
  ctx: PaymentsContext,
  pay: PaymentRow,
  procedureCode: string,
  clientIp: string,
): Promise<string> {
  if (pay.redirectUrl || pay.status !== 'pending') return pay.redirectUrl ?? '';
  const gw = ctx.gateway(pay.gateway as GatewayName);
  const o = (await repo.obligation(ctx.db, pay.obligationId))!;
  try {
    const { redirectUrl } = await gw.init(initRequest(pay, o.lines, procedureCode, clientIp));
    await repo.updatePayment(ctx.db, pay.id, { redirectUrl, updatedAt: ctx.clock.now() });
    return redirectUrl;
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    ctx.log.warn({ err: e.message, payment: pay.id }, 'payment init failed');
    // Nothing was taken: free the obligation for another attempt.
    await ctx.db.transaction(async (tx) => {
      const cur = await repo.lockPayment(tx, pay.id);
      if (cur?.status === 'pending' && !cur.redirectUrl)
        await settleFailed(ctx, tx, cur, 'INIT_FAILED', 'init', gatewayActor(pay.gateway, null));
    });
    throw new AppError(502, 'GATEWAY_UNAVAILABLE', 'The payment gateway did not answer; try again.', {
      gateway: pay.gateway,
    });
  }
}
