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

export const transferDto = z.object({
  /** The NAPAS VietQR payload (EMVCo) to draw as a QR code. */
  payload: z.string(),
  content: z.string(),
  amount: z.number().int(),
  bankBin: z.string(),
  bankName: z.string(),
  accountNumber: z.string(),
  accountName: z.string(),
});

export const paymentDto = z.object({
  id: z.string(),
  dossierCode: z.string(),
  agencyCode: z.string(),
  reference: z.string(),
  gateway: z.enum(['dvcqg', 'vnpay', 'desk', 'vietqr']),
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
  transfer: transferDto.nullable(),
});

const scheduleLine = z.object({
  label: z.string(),
  amount: z.number().int(),
  onlineAmount: z.number().int().nullable(),
  note: z.string().nullable(),
  /** The rate for this dossier's channel. */
  applied: z.number().int(),
});

export const feesDto = z.object({
  dossierCode: z.string(),
  collection: z.enum(['before', 'after', 'free']),
  lines: z.array(feeLine),
  schedule: z.object({ online: z.boolean(), lines: z.array(scheduleLine), total: z.number().int() }),
  amount: z.number().int(),
  /** closed: it was due, and the dossier ended (refused, withdrawn, stopped) before it was paid. */
  status: z.enum(['none', 'due', 'paid', 'closed']),
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
  /** The agency has a collection account: the applicant may pay by bank transfer (VietQR). */
  transferAvailable: z.boolean(),
});

export const transferReportBody = z.object({
  content: z.string().trim().min(3).max(500),
  amount: z.number().int().min(1).max(1_000_000_000_000),
  bankTxnId: z.string().trim().min(3).max(100),
  paidAt: z.coerce.date().optional(),
});
/** SePay's webhook payload (developer.sepay.vn, "Tích hợp webhook"); unknown fields are let through. */
export const sepayNoticeBody = z.looseObject({
  id: z.union([z.number().int(), z.string().trim().min(1).max(64)]),
  gateway: z.string().trim().min(1).max(100),
  transactionDate: z.string().trim().min(1).max(40),
  accountNumber: z.string().trim().max(40).nullable(),
  subAccount: z.string().trim().max(40).nullish(),
  code: z.string().max(100).nullish(),
  content: z.string().max(1000),
  transferType: z.enum(['in', 'out']),
  transferAmount: z.number().int().min(0).max(1_000_000_000_000),
  accumulated: z.number().nullish(),
  referenceCode: z.string().trim().max(100).nullish(),
  description: z.string().max(2000).nullish(),
});
export const sepayNoticeResponse = z.object({
  success: z.literal(true),
  matched: z.boolean(),
  paymentId: z.string().optional(),
  /** The same bank transaction was already taken: the payment it settled. */
  replayed: z.boolean().optional(),
  reason: z.string().optional(),
});
export const agencyCodeParams = z.object({ agencyCode: z.string().trim().min(2).max(35) });
export const collectionAccountBody = z.object({
  bankBin: z.string().regex(/^\d{6}$/),
  accountNumber: pattern(
    /^[0-9A-Za-z]{4,19}$/,
    'INVALID_ACCOUNT_NUMBER',
    'A bank account number: 4 to 19 letters or digits.',
  ),
  accountName: z.string().trim().min(2).max(100),
});
export const collectionAccountDto = z.object({
  agencyCode: z.string(),
  bankBin: z.string(),
  bankName: z.string(),
  accountNumber: z.string(),
  accountName: z.string(),
  updatedAt: z.date(),
});
export const collectionAccountResponse = z.object({ account: collectionAccountDto.nullable() });
export const banksResponse = z.object({
  items: z.array(z.object({ bin: z.string(), shortName: z.string(), name: z.string() })),
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
  gateway: z.enum(['dvcqg', 'vnpay', 'desk', 'vietqr']).optional(),
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

/** A bank push that settled nothing by itself, for the agency's payments officer. */
export const bankPushDto = z.object({
  id: z.string(),
  provider: z.string(),
  bankTxnId: z.string(),
  agencyCode: z.string().nullable(),
  bank: z.string(),
  accountNumber: z.string().nullable(),
  amount: z.number().int(),
  content: z.string(),
  transactionAt: z.date().nullable(),
  reason: z.string(),
  candidatePaymentId: z.string().nullable(),
  status: z.enum(['open', 'matched', 'dismissed']),
  paymentId: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  dismissReason: z.string().nullable(),
  receivedAt: z.date(),
});
export const bankPushListQuery = z.object({ status: z.enum(['open', 'matched', 'dismissed', 'all']).default('open') });
export const bankPushListResponse = z.object({ items: z.array(bankPushDto) });
/** A waiting bank-transfer payment a push may be matched to. */
export const bankPushCandidateDto = z.object({
  id: z.string(),
  dossierCode: z.string(),
  reference: z.string(),
  amount: z.number().int(),
  payerName: z.string(),
  procedureName: z.string(),
  createdAt: z.date(),
});
export const bankPushCandidatesResponse = z.object({ items: z.array(bankPushCandidateDto) });
export const bankPushMatchBody = z.object({ paymentId: z.string().trim().min(5).max(64) });
export const bankPushMatchResponse = z.object({ push: bankPushDto, paymentId: z.string(), replayed: z.boolean() });
export const bankPushDismissBody = z.object({ reason: z.string().max(500) });

z.globalRegistry.add(paymentDto, { id: 'Payment' });
z.globalRegistry.add(feesDto, { id: 'Fees' });
z.globalRegistry.add(transferDto, { id: 'BankTransfer' });
z.globalRegistry.add(reconciliationDto, { id: 'Reconciliation' });
z.globalRegistry.add(bankPushDto, { id: 'BankPush' });
