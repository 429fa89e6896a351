import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import type { PaymentsContext } from '../payments.context.js';
import { DESK_ROLES, hasAnyRole } from '../payments.policy.js';
import { paymentsRepository as repo } from '../payments.repository.js';
import { ensureObligation } from './obligations.js';
import { settlePaid } from './settle.js';
import { newReference } from './start-payment.js';

export interface DeskPaymentInput {
  method: 'cash' | 'transfer';
  /** The amount the officer took: must be the amount due (no partial payments). */
  amount: number;
  payerName?: string;
  transferRef?: string;
}

/** Cash or bank transfer taken at the one-stop desk (Decree 61 Art 22(a)): paid at once, with a receipt. */
export async function recordDeskPayment(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  input: DeskPaymentInput,
  key: string | undefined,
) {
  if (p.kind !== 'staff' || !hasAnyRole(p, DESK_ROLES))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only one-stop desk officers take payments.');
  const d = await ctx.dossier(code, p, { staffOnly: true });
  // The desk where the applicant stands takes the fee: the competent agency's, or the one that received the
  // dossier for it across administrative boundaries (Decree 118/2025 Art 14(2)).
  if (!d.access.inAgency && !d.access.isReceiver)
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'Payments are taken by the receiving agency.');
  if (d.terminal) throw new ConflictError('DOSSIER_CLOSED', 'The dossier is closed.', { state: d.state });
  if (input.method === 'transfer' && !input.transferRef?.trim())
    throw ValidationError.field('transferRef', 'REQUIRED', 'Give the bank transfer reference.');
  const o0 = await ensureObligation(ctx, d);
  const agency = await ctx.directory.find(d.agencyCode);
  return withIdempotency(ctx.db, `payment.desk:${p.userId}`, key, { code: d.code, ...input }, async (tx) => {
    const o = await repo.lockObligation(tx, o0.id);
    if (o.status === 'paid') throw new ConflictError('FEE_ALREADY_PAID', 'The fee is already paid.');
    if (o.status === 'none' || o.amount <= 0) throw new ConflictError('NO_FEE_DUE', 'Nothing is due for this dossier.');
    if (input.amount !== o.amount)
      throw ValidationError.field('amount', 'AMOUNT_MISMATCH', `The amount due is ${o.amount}.`);
    const live = await repo.livePayment(tx, o.id);
    if (live)
      throw new ConflictError('PAYMENT_PENDING', 'An online payment is in progress; check it first.', {
        paymentId: live.id,
      });
    const now = ctx.clock.now();
    const pay = await repo.insertPayment(tx, {
      id: newId('pay'),
      obligationId: o.id,
      dossierCode: d.code,
      agencyCode: d.agencyCode,
      reference: newReference(now),
      gateway: 'desk',
      method: input.method,
      amount: o.amount,
      status: 'pending',
      payerName: input.payerName?.trim().normalize('NFC') || d.applicant.fullName,
      payerIdNumber: d.applicant.idNumber,
      agencyName: agency?.name ?? d.agencyCode,
      procedureName: d.procedureName,
      recordedBy: p.userId,
      transferRef: input.transferRef?.trim() || null,
      createdAt: now,
      updatedAt: now,
    });
    const paid = await settlePaid(ctx, tx, pay, { paidAt: now, via: 'desk', byName: p.fullName }, actor);
    return { status: 201, body: { paymentId: paid.id } };
  });
}
