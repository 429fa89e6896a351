import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { PaymentsContext } from '../payments.context.js';
import { hasAnyRole, PAYMENT_VIEWERS } from '../payments.policy.js';
import { type PaymentFilter, paymentsRepository as repo } from '../payments.repository.js';
import { renderReceipt, sealReceipt } from './seal-receipt.js';
import { paymentView } from './views.js';

/** A payment with the caller's standing: the payer (applicant of the dossier) or staff of its agency. */
async function visiblePayment(ctx: PaymentsContext, p: Principal, id: string) {
  const pay = await repo.payment(ctx.db, id);
  const d = pay ? await ctx.dossier(pay.dossierCode, p).catch(() => null) : null;
  if (!pay || !d) throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  const staff = p.kind === 'staff';
  if (staff && !hasAnyRole(p, PAYMENT_VIEWERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not show payments.');
  return { pay, staff, isApplicant: d.access.isApplicant };
}

/** Staff reading someone's payment is recorded, like any read of personal data by an official. */
async function auditRead(
  ctx: PaymentsContext,
  actor: ActorContext,
  action: string,
  subjectId: string,
  after?: Record<string, unknown>,
) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, actor, { action, subjectType: 'payment', subjectId, after }, ctx.clock.now()),
  );
}

export async function getPayment(ctx: PaymentsContext, actor: ActorContext, p: Principal, id: string) {
  const { pay, staff, isApplicant } = await visiblePayment(ctx, p, id);
  if (staff) await auditRead(ctx, actor, 'payment.viewed', pay.id);
  return paymentView(ctx, pay, { forPayer: isApplicant && !staff });
}

/**
 * The electronic receipt of a paid (or since refunded) payment: sealed with the agency's seal (by a
 * job after payment, or now if that has not happened yet), unsealed only while the agency has no
 * seal certificate.
 */
export async function receiptPdf(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  id: string,
): Promise<{ pdf: Uint8Array; name: string; sealed: boolean }> {
  const { pay, staff } = await visiblePayment(ctx, p, id);
  const r = await repo.receiptOfPayment(ctx.db, pay.id);
  if (!r)
    throw new ConflictError('RECEIPT_NOT_ISSUED', 'There is a receipt only once the payment is paid.', {
      status: pay.status,
    });
  const sealed = await sealReceipt(ctx, r);
  const pdf = sealed ?? (await renderReceipt(ctx, r, pay)).pdf;
  if (staff) await auditRead(ctx, actor, 'payment.receipt_printed', pay.id);
  return {
    pdf,
    sealed: !!sealed,
    name: `bien-lai-${r.serial.replace('/', '-')}-${String(r.number).padStart(7, '0')}.pdf`,
  };
}

/** The list's filter as the caller gives it: one agency (with the units below it) instead of the codes. */
export type ListQuery = Omit<PaymentFilter, 'agencyCodes'> & { agency?: string };

/** Payments of the caller's agency (and the units below it); an admin sees every agency. */
export async function listPayments(ctx: PaymentsContext, actor: ActorContext, p: Principal, q: ListQuery) {
  if (p.kind !== 'staff' || !hasAnyRole(p, PAYMENT_VIEWERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Payments are for staff of the agency.');
  let scope: string[] | undefined;
  if (!p.roles.includes('admin')) {
    if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
    scope = await ctx.directory.subtreeCodes(p.agencyCode);
  }
  if (q.agency) {
    const sub = await ctx.directory.subtreeCodes(q.agency);
    if (scope && !scope.includes(q.agency))
      throw new ForbiddenError('FORBIDDEN_AGENCY', 'That agency is not yours.', { agency: q.agency });
    scope = sub;
  }
  const r = await repo.list(ctx.db, {
    agencyCodes: scope,
    status: q.status,
    gateway: q.gateway,
    from: q.from,
    to: q.to,
    page: q.page,
    pageSize: q.pageSize,
  });
  await auditRead(ctx, actor, 'payment.listed', p.agencyCode ?? 'all', {
    agency: q.agency ?? null,
    status: q.status ?? null,
    count: r.items.length,
  });
  return { items: await Promise.all(r.items.map((x) => paymentView(ctx, x, { forPayer: false }))), total: r.total };
}
