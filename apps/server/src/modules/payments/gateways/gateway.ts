/** What the payments module needs from an online payment gateway, whatever its protocol. */
export type GatewayName = 'dvcqg' | 'vnpay';
export const GATEWAYS: readonly GatewayName[] = ['dvcqg', 'vnpay'];

export interface InitRequest {
  reference: string;
  amount: number;
  createdAt: Date;
  expiresAt: Date;
  description: string;
  clientIp: string;
  dossierCode: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  payerName: string;
  payerIdNumber: string | null;
  lines: { label: string; amount: number }[];
}

/** A gateway notification after its signature and merchant were checked. */
export interface VerifiedNotification {
  reference: string;
  amount: number;
  paid: boolean;
  gatewayTxnId: string | null;
  bankCode: string | null;
  resultCode: string;
  /** Not paid, but not failed either: the bank may have debited the payer (a person decides). */
  review?: boolean;
}

export type NotificationCheck =
  | { ok: true; n: VerifiedNotification }
  | { ok: false; reason: 'bad_signature' | 'merchant_mismatch' | 'malformed'; reference: string | null };

/** How we answered a notification, in words the protocol maps to its own codes. */
export type NotificationOutcome =
  | 'applied'
  | 'duplicate'
  | 'late'
  | 'unknown_reference'
  | 'amount_mismatch'
  | 'bad_signature'
  | 'merchant_mismatch'
  | 'malformed'
  | 'error';

export interface TxnState {
  /**
   * `review`: the payer may have been debited, but the gateway did not complete the payment
   * (VNPAY 04) or suspects fraud (07), or said something we do not know: a person decides.
   * `refunding`: a refund is under way (VNPAY 05, 06); `refund_refused`: the bank refused it (09).
   */
  status: 'paid' | 'failed' | 'pending' | 'unknown' | 'refunded' | 'review' | 'refunding' | 'refund_refused';
  /** The gateway's own status code, as it said it (VNPAY vnp_TransactionStatus, DVCQG TrangThaiGD). */
  code?: string | null;
  amount: number | null;
  gatewayTxnId: string | null;
  bankCode: string | null;
  paidAt: Date | null;
}

export interface ReportLine {
  reference: string;
  amount: number;
  status: 'paid' | 'failed' | 'pending' | 'refunded' | 'review';
  gatewayTxnId: string | null;
  at: Date | null;
}

export interface RefundRequest {
  reference: string;
  amount: number;
  createdAt: Date;
  gatewayTxnId: string | null;
  reason: string;
  by: string;
  clientIp: string;
}

export interface PaymentGateway {
  readonly name: GatewayName;
  /** INIT builds the URL here, without calling the gateway (it may then run inside a transaction). */
  readonly localInit: boolean;
  /** Register the payment with the gateway; the URL the payer's browser goes to. */
  init(r: InitRequest): Promise<{ redirectUrl: string }>;
  /** Check a notification's signature and merchant, from the request as received. */
  verifyNotification(input: { query: Record<string, string>; body: unknown }): NotificationCheck;
  /** The protocol's answer to a notification. */
  answer(outcome: NotificationOutcome, reference: string | null): { status: number; body: unknown };
  /** Ask the gateway what became of a payment (the lost-callback case). */
  query(reference: string, createdAt: Date, clientIp: string): Promise<TxnState>;
  /**
   * Ask the gateway to give the money back. `ok`: accepted (the refund may still be under way,
   * `state: 'refunding'`); not ok: refused, with the gateway's code.
   */
  refund(r: RefundRequest): Promise<{ ok: boolean; code: string; message: string; state: TxnState['status'] | null }>;
  /** The gateway's transactions of one day (Vietnam date `YYYY-MM-DD`), for reconciliation. */
  report(day: string): Promise<ReportLine[]>;
  /** The browser return: which of our payments it is about (never trusted for state). */
  returnReference(query: Record<string, string>): string | null;
}

/** A gateway answered something we could not use: a transient fault to retry. */
export class GatewayError extends Error {
  constructor(
    readonly gateway: GatewayName,
    message: string,
  ) {
    super(`${gateway}: ${message}`);
  }
}
