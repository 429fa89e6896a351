import { createHmac, timingSafeEqual } from 'node:crypto';
import { vnCompactDateTime } from '../../../platform/time/vn-time.js';

/**
 * A redirect gateway in the common Vietnamese style (VNPAY API 2.1.0): the payment URL carries
 * the order as a query string sorted by name and signed with HMAC-SHA512 (`vnp_SecureHash`); the
 * browser comes back to `vnp_ReturnUrl`; the gateway notifies the merchant's IPN URL server to
 * server and expects `{RspCode: "00"}`; `querydr` and `refund` are JSON POSTs whose checksum is
 * HMAC-SHA512 over fields joined with `|`.
 */
export const VNP_VERSION = '2.1.0';

/**
 * How a value is URL-encoded before signing. VNPAY's servers and its Java sample use
 * `URLEncoder` (form encoding: space '+', only `*-._` and alphanumerics left as they are), as does
 * the public `vnpay` npm SDK (`URLSearchParams`); VNPAY's PHP sample uses `urlencode` (also `*`
 * encoded) and its Node.js sample `encodeURIComponent` with '+' for spaces (`!'()*~` left). They
 * differ only on those few characters: we sign in form encoding and accept all three.
 */
const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
export const VNP_ENCODINGS = {
  form: (v: string) =>
    encodeURIComponent(v)
      .replace(/[!'()~]/g, hex)
      .replace(/%20/g, '+'),
  php: (v: string) =>
    encodeURIComponent(v)
      .replace(/[!'()*~]/g, hex)
      .replace(/%20/g, '+'),
  node: (v: string) => encodeURIComponent(v).replace(/%20/g, '+'),
} as const;
export const vnpEncode = VNP_ENCODINGS.form;

export function hmac512(data: string, secret: string): string {
  return createHmac('sha512', secret).update(data, 'utf8').digest('hex');
}

/** The signed data: every vnp_ parameter except the hash itself, sorted by name, `k=v&…`. */
export function signData(params: Record<string, string>, encode: (v: string) => string = vnpEncode): string {
  return Object.keys(params)
    .filter(
      (k) =>
        k.startsWith('vnp_') &&
        k !== 'vnp_SecureHash' &&
        k !== 'vnp_SecureHashType' &&
        params[k] !== '' &&
        params[k] !== undefined &&
        params[k] !== null,
    )
    .sort()
    .map((k) => `${encode(k)}=${encode(String(params[k]))}`)
    .join('&');
}

export function signParams(params: Record<string, string>, secret: string): string {
  return hmac512(signData(params), secret);
}

/** Query string with the hash appended (the payment URL, the IPN, the return URL). */
export function signedQuery(params: Record<string, string>, secret: string): string {
  return `${signData(params)}&vnp_SecureHash=${signParams(params, secret)}`;
}

export function sameHash(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase()), Buffer.from(b));
}

/** Check vnp_SecureHash of received parameters, whichever of the encodings in use the signer chose. */
export function verifyParams(params: Record<string, string>, secret: string): boolean {
  const forms = new Set(Object.values(VNP_ENCODINGS).map((e) => signData(params, e)));
  let ok = false;
  for (const data of forms) ok = sameHash(params.vnp_SecureHash, hmac512(data, secret)) || ok;
  return ok;
}

/** yyyyMMddHHmmss in GMT+7. */
export function vnpDate(at: Date): string {
  return vnCompactDateTime(at);
}

export function parseVnpDate(s: string | undefined): Date | null {
  const m = s ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s) : null;
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 7, +m[5]!, +m[6]!)) : null;
}

/** vnp_Amount is the amount times 100 (no decimal separator). */
export const toVnpAmount = (vnd: number) => String(vnd * 100);
export const fromVnpAmount = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) / 100 : NaN);

/** IPN answers (RspCode). */
export const IPN = {
  ok: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknown: { RspCode: '99', Message: 'Unknow error' },
} as const;

export type VnpCommand = 'querydr' | 'refund';

export interface VnpQueryDr {
  vnp_RequestId: string;
  vnp_Version: string;
  vnp_Command: 'querydr';
  vnp_TmnCode: string;
  vnp_TxnRef: string;
  vnp_OrderInfo: string;
  vnp_TransactionDate: string;
  vnp_CreateDate: string;
  vnp_IpAddr: string;
  vnp_SecureHash: string;
}
export const queryDrData = (m: Omit<VnpQueryDr, 'vnp_SecureHash'>) =>
  [
    m.vnp_RequestId,
    m.vnp_Version,
    m.vnp_Command,
    m.vnp_TmnCode,
    m.vnp_TxnRef,
    m.vnp_TransactionDate,
    m.vnp_CreateDate,
    m.vnp_IpAddr,
    m.vnp_OrderInfo,
  ].join('|');

export interface VnpRefund {
  vnp_RequestId: string;
  vnp_Version: string;
  vnp_Command: 'refund';
  vnp_TmnCode: string;
  /** 02 full refund, 03 partial. */
  vnp_TransactionType: '02' | '03';
  vnp_TxnRef: string;
  vnp_Amount: string;
  vnp_OrderInfo: string;
  vnp_TransactionNo: string;
  vnp_TransactionDate: string;
  vnp_CreateBy: string;
  vnp_CreateDate: string;
  vnp_IpAddr: string;
  vnp_SecureHash: string;
}
export const refundData = (m: Omit<VnpRefund, 'vnp_SecureHash'>) =>
  [
    m.vnp_RequestId,
    m.vnp_Version,
    m.vnp_Command,
    m.vnp_TmnCode,
    m.vnp_TransactionType,
    m.vnp_TxnRef,
    m.vnp_Amount,
    m.vnp_TransactionNo,
    m.vnp_TransactionDate,
    m.vnp_CreateBy,
    m.vnp_CreateDate,
    m.vnp_IpAddr,
    m.vnp_OrderInfo,
  ].join('|');

/** The answer of querydr and refund. */
export interface VnpApiAnswer {
  vnp_ResponseId: string;
  vnp_Command: VnpCommand;
  vnp_ResponseCode: string;
  vnp_Message: string;
  vnp_TmnCode: string;
  vnp_TxnRef: string;
  vnp_Amount: string;
  vnp_BankCode: string;
  vnp_PayDate: string;
  vnp_TransactionNo: string;
  vnp_TransactionType: string;
  /** See TXN_STATUS. */
  vnp_TransactionStatus: string;
  vnp_OrderInfo: string;
  /** querydr only: a QR promotion the customer applied (both may be absent or empty). */
  vnp_PromotionCode?: string;
  vnp_PromotionAmount?: string;
  vnp_SecureHash: string;
}

type AnswerFields = Omit<VnpApiAnswer, 'vnp_SecureHash'>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const answerHead = (m: AnswerFields, amount: unknown) => [
  m.vnp_ResponseId,
  m.vnp_Command,
  m.vnp_ResponseCode,
  m.vnp_Message,
  m.vnp_TmnCode,
  m.vnp_TxnRef,
  amount,
  m.vnp_BankCode,
  m.vnp_PayDate,
  m.vnp_TransactionNo,
  m.vnp_TransactionType,
  m.vnp_TransactionStatus,
  m.vnp_OrderInfo,
];

/**
 * The checksum data of a querydr answer (VNPAY "API querydr, refund", response of querydr): the
 * thirteen fields of every answer, then `vnp_PromotionCode|vnp_PromotionAmount` — absent ones
 * count as empty. The public `vnpay` SDK checks the same fifteen fields in this order.
 */
export const queryDrAnswerData = (m: AnswerFields) =>
  [...answerHead(m, m.vnp_Amount), m.vnp_PromotionCode, m.vnp_PromotionAmount].map(str).join('|');

/**
 * The checksum data of a refund answer: the thirteen fields. The `vnpay` SDK checks it with the
 * amount in đồng (vnp_Amount / 100) where every other message carries the amount times 100; the
 * sandbox signs as the SDK checks, and we accept either.
 */
export const refundAnswerData = (m: AnswerFields, amount: 'wire' | 'dong' = 'dong') =>
  answerHead(m, amount === 'wire' || !m.vnp_Amount ? m.vnp_Amount : Number(m.vnp_Amount) / 100)
    .map(str)
    .join('|');

/** Check the checksum of a querydr or refund answer. */
export function verifyAnswer(a: VnpApiAnswer, secret: string): boolean {
  if (a.vnp_Command === 'querydr') return sameHash(a.vnp_SecureHash, hmac512(queryDrAnswerData(a), secret));
  const dong = sameHash(a.vnp_SecureHash, hmac512(refundAnswerData(a, 'dong'), secret));
  return sameHash(a.vnp_SecureHash, hmac512(refundAnswerData(a, 'wire'), secret)) || dong;
}

/**
 * vnp_TransactionStatus (VNPAY's table of transaction statuses): what became of the money.
 * 04 "giao dịch đảo" — the customer was debited at the bank but the transaction did not succeed
 * at VNPAY — and 07, suspected fraud, need a person; 05/06 are a refund under way (VNPAY
 * processing it / sent to the bank), 09 a refund the bank refused.
 */
export const TXN_STATUS = {
  paid: '00',
  pending: '01',
  failed: '02',
  reversed: '04',
  refundProcessing: '05',
  refundSentToBank: '06',
  suspectedFraud: '07',
  refundRefused: '09',
} as const;

/** Daily transaction file (sandbox shape, ADR 0005): CSV with these columns, signed in a header. */
export const RECONCILE_COLUMNS = [
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionStatus',
  'vnp_PayDate',
  'vnp_BankCode',
] as const;
export const RECONCILE_HASH_HEADER = 'x-vnp-securehash';
