import { randomBytes } from 'node:crypto';
import { vnIsoDate } from '../../../platform/time/vn-time.js';

/**
 * The sandbox gateways' own books: another system, so it keeps its transactions in its own memory
 * (never in our database) and talks to the platform only over HTTP.
 */
export type SandboxStatus = 'pending' | 'paid' | 'failed' | 'refunded';

export interface SandboxTxn {
  gateway: 'dvcqg' | 'vnpay';
  token: string;
  reference: string;
  amount: number;
  description: string;
  merchantName: string;
  createdAt: Date;
  /** The time the merchant stamped on the order (ThoiGianGD / vnp_CreateDate), as sent. */
  merchantTime: string;
  expiresAt: Date;
  status: SandboxStatus;
  gatewayTxnId: string;
  bankCode: string;
  paidAt: Date | null;
  returnUrl: string;
  /**
   * VNPAY: a transaction status the coarse `status` cannot say (04 reversed, 07 suspected fraud,
   * 05 refund processing, 09 refund refused); it wins over `status` in answers and the daily file.
   */
  vnpStatus?: string;
  /** VNPAY: the bank will refuse a refund of this payment (status 09). */
  refuseRefund?: boolean;
}

export interface SentNotification {
  reference: string;
  at: string;
  method: 'GET' | 'POST';
  url: string;
  /** The query string (GET) or JSON body (POST) exactly as sent. */
  payload: string;
  status: number | null;
  answer: string | null;
}

export class SandboxStore {
  private readonly txns = new Map<string, SandboxTxn>();
  private readonly byToken = new Map<string, SandboxTxn>();
  readonly notifications: SentNotification[] = [];
  private seq = 0;

  get(gateway: SandboxTxn['gateway'], reference: string) {
    return this.txns.get(`${gateway}:${reference}`) ?? null;
  }

  token(token: string) {
    return this.byToken.get(token) ?? null;
  }

  create(t: Omit<SandboxTxn, 'token' | 'status' | 'gatewayTxnId' | 'bankCode' | 'paidAt'>): SandboxTxn {
    const txn: SandboxTxn = {
      ...t,
      token: randomBytes(12).toString('base64url'),
      status: 'pending',
      gatewayTxnId: String(14_000_000 + ++this.seq),
      bankCode: 'NCB',
      paidAt: null,
    };
    this.txns.set(`${t.gateway}:${t.reference}`, txn);
    this.byToken.set(txn.token, txn);
    return txn;
  }

  /** Transactions of one gateway created on a Vietnam date (YYYY-MM-DD). */
  ofDay(gateway: SandboxTxn['gateway'], day: string): SandboxTxn[] {
    return [...this.txns.values()].filter((t) => t.gateway === gateway && vnIsoDate(t.createdAt) === day);
  }

  /** A pending transaction past its deadline can no longer be paid. */
  expire(t: SandboxTxn, now: Date) {
    if (t.status === 'pending' && t.expiresAt <= now) t.status = 'failed';
  }

  log(n: SentNotification) {
    this.notifications.push(n);
    if (this.notifications.length > 10_000) this.notifications.shift();
  }
}
