import { z } from 'zod';
import { displayName, pageQuery, paged, pattern } from '../../platform/http/schemas.js';

const gateway = z.enum(['dvcqg', 'vnpay']);
const day = pattern(/^\d{4}-\d{2}-\d{2}$/, 'INVALID_DATE', 'A date YYYY-MM-DD.');

export const dossierCodeParams = z.object({ code: z.string().trim().min(5).max(60) });
export const paymentIdParams = z.object({ id: z.string().trim().min(5).max(64) });
export const gatewayParams = z.object({ gateway });

export const feeLine = z.object({
  label: z.string().trim().min(1).max(300),
  amount: z.number().int().min(0).max(1_000_000_000_000),
});

export const setFeesBody = z.object({ lines: z.array(feeLine).max(30), note: z.string().max(2000).optional() });
export const startBody = z.object({ gateway: gateway.optional() }).default({});
export const deskBody = z.object({
  method: z.enum(['cash', 'transfer']),
  amount: z.number().int().min(1),
  payerName: displayName(2, 200).optional(),
  transferRef: z.string().trim().max(100).optional(),
});
export const refundBody = z.object({ reason: z.string().trim().min(5).max(1000) });
/** An officer's decision on a payment in review: did the money reach the agency? */
export const reviewBody = z.object({
  decision: z.enum(['paid', 'failed']),
  note: z.string().trim().min(5).max(1000),
});
const paymentStatus = z.enum(['pending', 'paid', 'failed', 'refunded', 'review']);

export const receiptDto = z.object({
  id: z.string(),
  templateCode: z.string(),
  serial: z.string(),
  number: z.string(),
  issuedAt: z.date(),
});

export const paymentDto = z.object({
  id: z.string(),
  dossierCode: z.string(),
  agencyCode: z.string(),
  reference: z.string(),
  gateway: z.enum(['dvcqg', 'vnpay', 'desk']),
  method: z.enum(['online', 'cash', 'transfer']),
  amount: z.number().int(),
  status: paymentStatus,
  payerName: z.string(),
  procedureName: z.string(),
  gatewayTxnId: z.string().nullable(),
  failureCode: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  failedAt: z.date().nullable(),
  refundedAt: z.date().nullable(),
  refundReason: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  receipt: receiptDto.nullable(),
});

export const feesDto = z.object({
  dossierCode: z.string(),
  collection: z.enum(['before', 'after', 'free']),
  lines: z.array(feeLine),
  amount: z.number().int(),
  status: z.enum(['none', 'due', 'paid']),
  version: z.number().int(),
  setByName: z.string().nullable(),
  note: z.string().nullable(),
  paidAt: z.date().nullable(),
  gateways: z.array(gateway),
  defaultGateway: gateway,
  payments: z.array(paymentDto),
  mayPay: z.boolean(),
  maySet: z.boolean(),
  mayRecordDesk: z.boolean(),
});

export const startResponse = z.object({
  paymentId: z.string(),
  redirectUrl: z.string(),
  status: z.string(),
  gateway,
  amount: z.number().int(),
});

export const paymentListQuery = pageQuery.extend({
  agency: z.string().trim().max(35).optional(),
  status: paymentStatus.optional(),
  gateway: z.enum(['dvcqg', 'vnpay', 'desk']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const paymentListResponse = paged(paymentDto);

const side = z.object({ status: z.string(), amount: z.number() });
export const reconciliationDto = z.object({
  gateway: z.string(),
  day: z.string(),
  ours: z.number().int(),
  theirs: z.number().int(),
  matched: z.number().int(),
  runs: z.number().int(),
  ranAt: z.date(),
  mismatchCount: z.number().int(),
  mismatches: z.array(
    z.object({
      kind: z.enum(['missing_here', 'missing_there', 'amount_differs', 'status_differs']),
      reference: z.string(),
      paymentId: z.string().nullable(),
      agencyCode: z.string().nullable(),
      ours: side.nullable(),
      theirs: side.extend({ gatewayTxnId: z.string().nullable() }).nullable(),
    }),
  ),
});
export const reconciliationQuery = z.object({ date: day, gateway: gateway.optional() });
export const reconciliationBody = z.object({ date: day, gateway: gateway.optional() });
export const reconciliationResponse = z.object({ items: z.array(reconciliationDto) });

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(paymentDto, { id: 'Payment' });
z.globalRegistry.add(feesDto, { id: 'Fees' });
z.globalRegistry.add(reconciliationDto, { id: 'Reconciliation' });
