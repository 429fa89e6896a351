import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../platform/time/clock.js';
import {
  fromVnpAmount,
  hmac512,
  parseVnpDate,
  queryDrAnswerData,
  queryDrData,
  RECONCILE_COLUMNS,
  RECONCILE_HASH_HEADER,
  refundAnswerData,
  refundData,
  sameHash,
  signedQuery,
  toVnpAmount,
  TXN_STATUS,
  type VnpApiAnswer,
  vnpDate,
  type VnpQueryDr,
  type VnpRefund,
  verifyParams,
} from '../gateways/vnpay-protocol.js';
import { deliver, type Outcome } from './sandbox-deliver.js';
import { messagePage, paymentPage } from './sandbox-page.js';
import type { SandboxStore, SandboxTxn } from './sandbox-store.js';

export interface VnpayMerchant {
  tmnCode: string;
  secret: string;
  ipnUrl: string;
}

const BASE_STATUS = {
  paid: TXN_STATUS.paid,
  pending: TXN_STATUS.pending,
  failed: TXN_STATUS.failed,
  refunded: TXN_STATUS.refundProcessing,
} as const;
/** vnp_TransactionStatus of a sandbox transaction. */
const statusOf = (t: SandboxTxn) => t.vnpStatus ?? BASE_STATUS[t.status];
/** JSON bodies of other clients (the `vnpay` SDK) carry numbers where ours carry strings. */
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** A VNPAY-style redirect gateway, as a sandbox: payment page, IPN, querydr, refund, daily file. */
export function vnpaySandbox(app: FastifyInstance, store: SandboxStore, merchant: VnpayMerchant, clock: Clock) {
  const hidden = { schema: { hide: true } };
  const html = (reply: { type: (t: string) => unknown }) => reply.type('text/html; charset=utf-8');

  app.get('/sandbox/vnpay/paymentv2/vpcpay.html', hidden, async (req, reply) => {
    const q = req.query as Record<string, string>;
    html(reply);
    if (!verifyParams(q, merchant.secret) || q.vnp_TmnCode !== merchant.tmnCode) {
      return reply
        .code(400)
        .send(messagePage(null, 'Sai chữ ký', 'Yêu cầu thanh toán không hợp lệ (sai chữ ký hoặc mã website).', null));
    }
    const amount = fromVnpAmount(q.vnp_Amount);
    if (!Number.isInteger(amount) || amount <= 0 || !q.vnp_TxnRef || !q.vnp_ReturnUrl)
      return reply.code(400).send(messagePage(null, 'Dữ liệu không hợp lệ', 'Thiếu thông tin giao dịch.', null));
    let t = store.get('vnpay', q.vnp_TxnRef);
    if (t && t.amount !== amount)
      return reply
        .code(400)
        .send(messagePage(t, 'Giao dịch đã tồn tại', 'Mã giao dịch đã được dùng với số tiền khác.', null));
    const now = clock.now();
    t ??= store.create({
      gateway: 'vnpay',
      reference: q.vnp_TxnRef,
      amount,
      description: q.vnp_OrderInfo ?? '',
      merchantName: merchant.tmnCode,
      createdAt: now,
      merchantTime: q.vnp_CreateDate ?? vnpDate(now),
      expiresAt: parseVnpDate(q.vnp_ExpireDate) ?? new Date(now.getTime() + 15 * 60_000),
      returnUrl: q.vnp_ReturnUrl,
    });
    store.expire(t, now);
    if (t.status !== 'pending')
      return messagePage(
        t,
        'Giao dịch đã kết thúc',
        `Trạng thái: ${t.status}.`,
        `${t.returnUrl}?vnp_TxnRef=${encodeURIComponent(t.reference)}`,
      );
    return paymentPage(t, `/sandbox/vnpay/paymentv2/pay/${t.token}`);
  });

  app.post('/sandbox/vnpay/paymentv2/pay/:token', hidden, async (req, reply) => {
    const t = store.token((req.params as { token: string }).token);
    const outcome = (req.body as { outcome?: Outcome })?.outcome;
    html(reply);
    if (!t || !outcome)
      return reply
        .code(404)
        .send(messagePage(null, 'Không tìm thấy giao dịch', 'Liên kết thanh toán không đúng.', null));
    store.expire(t, clock.now());
    const bare = `${t.returnUrl}?vnp_TxnRef=${encodeURIComponent(t.reference)}`;
    if (t.status !== 'pending') return messagePage(t, 'Giao dịch đã kết thúc', `Trạng thái: ${t.status}.`, bare);
    // Every outcome but a failure debits the payer; 04 and 07 leave the transaction unfinished at VNPAY.
    const debited = outcome !== 'failure';
    t.status = debited ? 'paid' : 'failed';
    t.paidAt = debited ? clock.now() : null;
    if (outcome === 'wrong_amount') t.amount = t.amount > 1000 ? t.amount - 1000 : t.amount + 1000;
    if (outcome === 'reversed') t.vnpStatus = TXN_STATUS.reversed;
    if (outcome === 'suspected_fraud') t.vnpStatus = TXN_STATUS.suspectedFraud;
    if (outcome === 'refund_refused') t.refuseRefund = true;
    if (outcome === 'timeout' || outcome === 'reversed')
      return messagePage(
        t,
        outcome === 'timeout' ? 'Hết thời gian chờ phản hồi' : 'Giao dịch bị đảo',
        outcome === 'timeout'
          ? 'Ngân hàng đã ghi nhận giao dịch nhưng kết quả chưa được gửi về Cổng dịch vụ công.'
          : 'Ngân hàng đã trừ tiền nhưng giao dịch chưa thành công tại VNPAY; không có thông báo nào được gửi.',
        bare,
      );
    const paid = debited && !t.vnpStatus;
    const params: Record<string, string> = {
      vnp_TmnCode: merchant.tmnCode,
      vnp_Amount: toVnpAmount(t.amount),
      vnp_BankCode: t.bankCode,
      vnp_BankTranNo: `VNP${t.gatewayTxnId}`,
      vnp_CardType: 'ATM',
      vnp_OrderInfo: t.description,
      vnp_PayDate: vnpDate(clock.now()),
      // 07: "Trừ tiền thành công. Giao dịch bị nghi ngờ"; 51: not enough money in the account.
      vnp_ResponseCode: paid ? '00' : t.vnpStatus === TXN_STATUS.suspectedFraud ? '07' : '51',
      vnp_TransactionNo: t.gatewayTxnId,
      vnp_TransactionStatus: paid ? TXN_STATUS.paid : (t.vnpStatus ?? TXN_STATUS.failed),
      vnp_TxnRef: t.reference,
    };
    const query = signedQuery(params, merchant.secret);
    await deliver(store, t.reference, { method: 'GET', url: merchant.ipnUrl, payload: query });
    return reply.redirect(`${t.returnUrl}?${query}`, 303);
  });

  app.post('/sandbox/vnpay/merchant_webapi/api/transaction', hidden, async (req) => {
    const m = req.body as VnpQueryDr | VnpRefund;
    const now = clock.now();
    const base = {
      vnp_ResponseId: `${now.getTime()}`,
      vnp_Command: m?.vnp_Command,
      vnp_TmnCode: merchant.tmnCode,
      vnp_TxnRef: text(m?.vnp_TxnRef),
      vnp_OrderInfo: text(m?.vnp_OrderInfo),
    };
    const data = m?.vnp_Command === 'querydr' ? queryDrData(m) : m?.vnp_Command === 'refund' ? refundData(m) : null;
    if (!data || m.vnp_TmnCode !== merchant.tmnCode || !sameHash(m.vnp_SecureHash, hmac512(data, merchant.secret))) {
      return { ...base, vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' };
    }
    const t = store.get('vnpay', text(m.vnp_TxnRef));
    if (!t) return { ...base, vnp_ResponseCode: '91', vnp_Message: 'Transaction not found' };
    store.expire(t, now);
    let code = '00';
    let message = 'Success';
    if (m.vnp_Command === 'refund') {
      if (t.status !== 'paid' || t.vnpStatus === TXN_STATUS.refundRefused)
        [code, message] = ['95', 'Transaction cannot be refunded'];
      else if (fromVnpAmount(text(m.vnp_Amount)) !== t.amount) [code, message] = ['03', 'Invalid amount'];
      else if (t.refuseRefund) t.vnpStatus = TXN_STATUS.refundRefused;
      else [t.status, t.vnpStatus] = ['refunded', TXN_STATUS.refundProcessing];
    }
    return signAnswer(t, {
      ...base,
      vnp_ResponseCode: code,
      vnp_Message: message,
      vnp_TransactionType: m.vnp_Command === 'refund' ? '02' : '01',
    });
  });

  /** querydr answers carry (possibly empty) promotion fields and sign them last; refund answers do not. */
  function signAnswer(t: SandboxTxn, head: Record<string, string>) {
    const a = {
      ...head,
      vnp_Amount: toVnpAmount(t.amount),
      vnp_BankCode: t.bankCode,
      vnp_PayDate: t.paidAt ? vnpDate(t.paidAt) : '',
      vnp_TransactionNo: t.gatewayTxnId,
      vnp_TransactionStatus: statusOf(t),
      ...(head.vnp_Command === 'querydr' ? { vnp_PromotionCode: '', vnp_PromotionAmount: '' } : {}),
    } as Omit<VnpApiAnswer, 'vnp_SecureHash'>;
    const data = head.vnp_Command === 'querydr' ? queryDrAnswerData(a) : refundAnswerData(a);
    return { ...a, vnp_SecureHash: hmac512(data, merchant.secret) };
  }

  app.get('/sandbox/vnpay/merchant_webapi/reconcile', hidden, async (req, reply) => {
    const q = req.query as Record<string, string>;
    if (!verifyParams(q, merchant.secret) || q.vnp_TmnCode !== merchant.tmnCode || !/^\d{8}$/.test(q.vnp_Date ?? ''))
      return reply.code(403).send({ RspCode: '97', Message: 'Invalid signature' });
    const day = `${q.vnp_Date!.slice(0, 4)}-${q.vnp_Date!.slice(4, 6)}-${q.vnp_Date!.slice(6)}`;
    const rows = store.ofDay('vnpay', day).map((t) => {
      store.expire(t, clock.now());
      return [
        t.reference,
        toVnpAmount(t.amount),
        t.gatewayTxnId,
        statusOf(t),
        t.paidAt ? vnpDate(t.paidAt) : '',
        t.bankCode,
      ].join(',');
    });
    const csv = [RECONCILE_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
    return reply.header(RECONCILE_HASH_HEADER, hmac512(csv, merchant.secret)).type('text/csv; charset=utf-8').send(csv);
  });
}
