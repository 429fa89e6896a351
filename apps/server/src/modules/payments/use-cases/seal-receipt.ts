import { AppError } from '../../../platform/http/errors.js';
import type { PaymentsContext } from '../payments.context.js';
import { type PaymentRow, paymentsRepository as repo, type ReceiptRow } from '../payments.repository.js';
import { renderReceiptPdf } from '../receipts/receipt-pdf.js';
import type { JobRegistry } from '../../../platform/module.js';

export const SEAL_RECEIPT_JOB = 'payments.seal-receipt';

/** The receipt as PDF, unsealed: the same bytes every time (its dates are the receipt's). */
export async function renderReceipt(ctx: PaymentsContext, r: ReceiptRow, pay: PaymentRow) {
  const agency = await ctx.directory.get(r.agencyCode);
  let province = agency;
  while (province.parent && province.level !== 'province') province = await ctx.directory.get(province.parent.code);
  const place = province.name.replace(/^(Ủy ban nhân dân|UBND)\s+(tỉnh|thành phố)\s+/i, '');
  const out = await renderReceiptPdf(r, {
    parentAgencyName: agency.parent?.name,
    place,
    lookupUrl: `${ctx.settings.publicUrl}/track?code=${encodeURIComponent(r.dossierCode)}`,
    reference: pay.reference,
    gatewayTxnId: pay.gatewayTxnId,
  });
  return { ...out, place };
}

/**
 * Seal a receipt with its agency's seal (PAdES B-T, visible in the "Đơn vị thu tiền" block) and
 * keep the sealed PDF. Returns the sealed bytes, or null when the agency has no seal certificate
 * (or no signing service is wired): the receipt then stays unsealed until one is issued.
 */
export async function sealReceipt(ctx: PaymentsContext, r: ReceiptRow): Promise<Buffer | null> {
  if (r.sealedSha256) return ctx.files.read(r.sealedSha256);
  if (!ctx.sealer) return null;
  const pay = (await repo.payment(ctx.db, r.paymentId))!;
  const { pdf, sealArea, place } = await renderReceipt(ctx, r, pay);
  let sealed: Uint8Array;
  try {
    sealed = await ctx.sealer.sealPdf(r.agencyCode, pdf, {
      visible: {
        page: sealArea.pageIndex,
        rect: { x: sealArea.x, y: sealArea.y, width: sealArea.width, height: sealArea.height },
      },
      reason: `Biên lai thu phí, lệ phí ${r.serial} số ${String(r.number).padStart(7, '0')}`,
      location: place,
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'SEAL_CERTIFICATE_MISSING') {
      ctx.log.warn({ receipt: r.id, agency: r.agencyCode }, 'receipt not sealed: the agency has no seal certificate');
      return null;
    }
    throw e;
  }
  const { sha256 } = await ctx.files.putBuffer(Buffer.from(sealed));
  // Two sealers racing keep the first; the other's bytes stay unreferenced in the store.
  const kept = await repo.setReceiptSealed(ctx.db, r.id, sha256);
  return ctx.files.read(kept);
}

export function registerSealJob(runner: JobRegistry, ctx: PaymentsContext) {
  runner.register(SEAL_RECEIPT_JOB, async (payload) => {
    const r = await repo.receipt(ctx.db, String(payload.receiptId));
    if (r) await sealReceipt(ctx, r);
  });
}
