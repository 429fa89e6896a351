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
  status: 'paid' | 'failed' | 'pending' | 'unknown' | 'refunded';
  amount: number | null;
  gatewayTxnId: string | null;
  bankCode: string | null;
  paidAt: Date | null;
}

export interface ReportLine {
  reference: string;
  amount: number;
  status: 'paid' | 'failed' | 'pending' | 'refunded';
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
  refund(r: RefundRequest): Promise<{ ok: boolean; code: string; message: string }>;
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
