import { randomBytes } from 'node:crypto';
import type { VnpaySettings } from '../payments.settings.js';
import {
  GatewayError,
  type InitRequest,
  type NotificationCheck,
  type NotificationOutcome,
  type PaymentGateway,
  type RefundRequest,
  type ReportLine,
  type TxnState,
} from './gateway.js';
import { asciiText, postJson, send } from './http.js';
import {
  fromVnpAmount,
  hmac512,
  IPN,
  parseVnpDate,
  queryDrData,
  RECONCILE_COLUMNS,
  RECONCILE_HASH_HEADER,
  refundData,
  sameHash,
  signedQuery,
  toVnpAmount,
  TXN_STATUS,
  type VnpApiAnswer,
  VNP_VERSION,
  vnpDate,
  type VnpQueryDr,
  type VnpRefund,
  verifyAnswer,
  verifyParams,
} from './vnpay-protocol.js';

const IPN_ANSWERS: Record<NotificationOutcome, { RspCode: string; Message: string }> = {
  applied: IPN.ok,
  duplicate: IPN.alreadyConfirmed,
  late: IPN.alreadyConfirmed,
  unknown_reference: IPN.orderNotFound,
  amount_mismatch: IPN.invalidAmount,
  bad_signature: IPN.invalidSignature,
  merchant_mismatch: IPN.invalidSignature,
  malformed: IPN.unknown,
  error: IPN.unknown,
};

/**
 * What vnp_TransactionStatus says became of the money. A code we do not know goes to a person
 * rather than giving the payment up: the customer may have been debited.
 */
export function txnStatus(code: string | undefined): TxnState['status'] {
  switch (code) {
    case TXN_STATUS.paid:
      return 'paid';
    case TXN_STATUS.pending:
      return 'pending';
    case TXN_STATUS.failed:
      return 'failed';
    case TXN_STATUS.refundProcessing:
    case TXN_STATUS.refundSentToBank:
      return 'refunding';
    case TXN_STATUS.refundRefused:
      return 'refund_refused';
    default: // 04 reversed after the debit, 07 suspected fraud, anything new
      return 'review';
  }
}

/** The same for a line of the daily file, in the words our payments use. */
function reportStatus(code: string | undefined): ReportLine['status'] {
  const s = txnStatus(code);
  // A refund under way is, on our side, a payment refunded; a refused refund left the money paid.
  if (s === 'refunding') return 'refunded';
  if (s === 'refund_refused') return 'paid';
  return s === 'unknown' ? 'review' : s;
}

/** A notification that needs a person: the bank debited but VNPAY did not complete, or fraud is suspected. */
const needsReview = (q: Record<string, string>) =>
  q.vnp_ResponseCode === '07' ||
  q.vnp_TransactionStatus === TXN_STATUS.reversed ||
  q.vnp_TransactionStatus === TXN_STATUS.suspectedFraud;

/** Client of a VNPAY-style redirect gateway (API 2.1.0). */
export class VnpayGateway implements PaymentGateway {
  readonly name = 'vnpay' as const;
  readonly localInit = true;
  constructor(private readonly s: VnpaySettings) {}

  /** The payment URL is built and signed here: nothing is sent to the gateway until the browser goes. */
  async init(r: InitRequest) {
    const params: Record<string, string> = {
      vnp_Version: VNP_VERSION,
      vnp_Command: 'pay',
      vnp_TmnCode: this.s.tmnCode,
      vnp_Amount: toVnpAmount(r.amount),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: r.reference,
      vnp_OrderInfo: asciiText(r.description),
      vnp_OrderType: 'billpayment',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: this.s.returnUrl,
      vnp_IpAddr: r.clientIp,
      vnp_CreateDate: vnpDate(r.createdAt),
      vnp_ExpireDate: vnpDate(r.expiresAt),
    };
    return { redirectUrl: `${this.s.paymentUrl}?${signedQuery(params, this.s.secret)}` };
  }

  verifyNotification(input: { query: Record<string, string> }): NotificationCheck {
    const q = input.query;
    const reference = typeof q.vnp_TxnRef === 'string' ? q.vnp_TxnRef : null;
    if (!reference || !q.vnp_SecureHash || !q.vnp_ResponseCode) return { ok: false, reason: 'malformed', reference };
    if (!verifyParams(q, this.s.secret)) return { ok: false, reason: 'bad_signature', reference };
    if (q.vnp_TmnCode !== this.s.tmnCode) return { ok: false, reason: 'merchant_mismatch', reference };
    const amount = fromVnpAmount(q.vnp_Amount);
    if (!Number.isInteger(amount)) return { ok: false, reason: 'malformed', reference };
    const paid = q.vnp_ResponseCode === '00' && q.vnp_TransactionStatus === TXN_STATUS.paid;
    return {
      ok: true,
      n: {
        reference,
        amount,
        paid,
        review: !paid && needsReview(q),
        gatewayTxnId: q.vnp_TransactionNo || null,
        bankCode: q.vnp_BankCode || null,
        resultCode: q.vnp_ResponseCode,
      },
    };
  }

  answer(outcome: NotificationOutcome) {
    return { status: 200, body: IPN_ANSWERS[outcome] };
  }

  private async api(body: VnpQueryDr | VnpRefund): Promise<VnpApiAnswer> {
    const a = await postJson<VnpApiAnswer>(this.name, this.s.apiUrl, body);
    if (a.vnp_SecureHash && !verifyAnswer({ ...a, vnp_Command: body.vnp_Command }, this.s.secret))
      throw new GatewayError(this.name, `${body.vnp_Command} answer with a wrong checksum`);
    return a;
  }

  async query(reference: string, createdAt: Date, clientIp: string): Promise<TxnState> {
    const m: Omit<VnpQueryDr, 'vnp_SecureHash'> = {
      vnp_RequestId: randomBytes(12).toString('hex'),
      vnp_Version: VNP_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.s.tmnCode,
      vnp_TxnRef: reference,
      vnp_OrderInfo: `Truy van ${reference}`,
      vnp_TransactionDate: vnpDate(createdAt),
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: clientIp,
    };
    const a = await this.api({ ...m, vnp_SecureHash: hmac512(queryDrData(m), this.s.secret) });
    if (a.vnp_ResponseCode === '91')
      return { status: 'unknown', amount: null, gatewayTxnId: null, bankCode: null, paidAt: null };
    if (a.vnp_ResponseCode !== '00' || !a.vnp_SecureHash)
      throw new GatewayError(this.name, `querydr failed: ${a.vnp_ResponseCode} ${a.vnp_Message}`);
    const status = txnStatus(a.vnp_TransactionStatus);
    return {
      status,
      code: a.vnp_TransactionStatus ?? null,
      amount: fromVnpAmount(a.vnp_Amount),
      gatewayTxnId: a.vnp_TransactionNo || null,
      bankCode: a.vnp_BankCode || null,
      paidAt: status === 'paid' ? parseVnpDate(a.vnp_PayDate) : null,
    };
  }

  async refund(r: RefundRequest) {
    const m: Omit<VnpRefund, 'vnp_SecureHash'> = {
      vnp_RequestId: randomBytes(12).toString('hex'),
      vnp_Version: VNP_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.s.tmnCode,
      vnp_TransactionType: '02',
      vnp_TxnRef: r.reference,
      vnp_Amount: toVnpAmount(r.amount),
      vnp_OrderInfo: asciiText(r.reason),
      vnp_TransactionNo: r.gatewayTxnId ?? '',
      vnp_TransactionDate: vnpDate(r.createdAt),
      vnp_CreateBy: asciiText(r.by, 50),
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: r.clientIp,
    };
    const a = await this.api({ ...m, vnp_SecureHash: hmac512(refundData(m), this.s.secret) });
    if (a.vnp_ResponseCode !== '00')
      return { ok: false, code: a.vnp_ResponseCode, message: a.vnp_Message, state: null };
    if (!a.vnp_SecureHash) throw new GatewayError(this.name, 'refund answer without a checksum');
    // Accepted: VNPAY processes it (05) or has sent it to the bank (06); 09 the bank refused it.
    const state = txnStatus(a.vnp_TransactionStatus);
    if (state === 'refund_refused') return { ok: false, code: a.vnp_TransactionStatus, message: a.vnp_Message, state };
    return { ok: true, code: a.vnp_ResponseCode, message: a.vnp_Message, state };
  }

  /** The daily transaction file: CSV signed with HMAC-SHA512 of its bytes. */
  async report(day: string): Promise<ReportLine[]> {
    const date = day.replace(/-/g, '');
    const q = signedQuery({ vnp_TmnCode: this.s.tmnCode, vnp_Date: date }, this.s.secret);
    const res = await send(this.name, `${this.s.reconcileUrl}?${q}`, {
      method: 'GET',
      headers: { accept: 'text/csv' },
    });
    const text = await res.text();
    if (!sameHash(res.headers.get(RECONCILE_HASH_HEADER) ?? undefined, hmac512(text, this.s.secret)))
      throw new GatewayError(this.name, 'transaction file with a wrong checksum');
    const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
    if (header !== RECONCILE_COLUMNS.join(','))
      throw new GatewayError(this.name, 'transaction file: unexpected columns');
    return rows.map((row) => {
      const [ref, amount, txn, status, payDate] = row.split(',');
      return {
        reference: ref!,
        amount: fromVnpAmount(amount),
        status: reportStatus(status),
        gatewayTxnId: txn || null,
        at: parseVnpDate(payDate),
      };
    });
  }

  returnReference(query: Record<string, string>) {
    return typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef : null;
  }
}
