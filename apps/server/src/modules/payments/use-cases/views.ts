import type { PaymentsContext } from '../payments.context.js';
import { type PaymentRow, paymentsRepository as repo, type ReceiptRow } from '../payments.repository.js';
import { transferView } from './vietqr.js';

/** Receipt number as printed: seven digits. */
export const receiptNo = (n: number) => String(n).padStart(7, '0');

export function receiptView(r: ReceiptRow) {
  return {
    id: r.id,
    templateCode: r.templateCode,
    serial: r.serial,
    number: receiptNo(r.number),
    issuedAt: r.issuedAt,
  };
}

/** A payment as the API shows it; the gateway URL only to the payer while it can still be used. */
export async function paymentView(ctx: PaymentsContext, p: PaymentRow, o: { forPayer: boolean }) {
  const receipt = p.status === 'paid' || p.status === 'refunded' ? await repo.receiptOfPayment(ctx.db, p.id) : null;
  return {
    id: p.id,
    dossierCode: p.dossierCode,
    agencyCode: p.agencyCode,
    reference: p.reference,
    gateway: p.gateway,
    method: p.method,
    amount: p.amount,
    status: p.status,
    payerName: p.payerName,
    procedureName: p.procedureName,
    gatewayTxnId: p.gatewayTxnId,
    failureCode: p.failureCode,
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    paidAt: p.paidAt,
    failedAt: p.failedAt,
    refundedAt: p.refundedAt,
    refundReason: p.refundReason,
    redirectUrl: o.forPayer && p.status === 'pending' ? p.redirectUrl : null,
    receipt: receipt ? receiptView(receipt) : null,
    /** A bank transfer by VietQR still waiting: the QR and the account, for the payer and the agency. */
    transfer: await transferView(ctx, p),
  };
}

export type PaymentView = Awaited<ReturnType<typeof paymentView>>;
