export type GatewayName = 'dvcqg' | 'vnpay';
export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'refunded';

export interface FeeLine {
  label: string;
  amount: number;
}

export interface Receipt {
  id: string;
  templateCode: string;
  serial: string;
  number: string;
  issuedAt: string;
}

export interface Payment {
  id: string;
  dossierCode: string;
  agencyCode: string;
  reference: string;
  gateway: GatewayName | 'desk';
  method: 'online' | 'cash' | 'transfer';
  amount: number;
  status: PaymentStatus;
  payerName: string;
  procedureName: string;
  gatewayTxnId: string | null;
  failureCode: string | null;
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  failedAt: string | null;
  refundedAt: string | null;
  refundReason: string | null;
  redirectUrl: string | null;
  receipt: Receipt | null;
}

export interface Fees {
  dossierCode: string;
  collection: 'before' | 'after' | 'free';
  lines: FeeLine[];
  amount: number;
  status: 'none' | 'due' | 'paid';
  version: number;
  setByName: string | null;
  note: string | null;
  paidAt: string | null;
  gateways: GatewayName[];
  defaultGateway: GatewayName;
  payments: Payment[];
  mayPay: boolean;
  maySet: boolean;
  mayRecordDesk: boolean;
}

export interface StartResult {
  paymentId: string;
  redirectUrl: string;
  status: PaymentStatus;
  gateway: GatewayName;
  amount: number;
}

export interface Mismatch {
  kind: 'missing_here' | 'missing_there' | 'amount_differs' | 'status_differs';
  reference: string;
  paymentId: string | null;
  agencyCode: string | null;
  ours: { status: string; amount: number } | null;
  theirs: { status: string; amount: number; gatewayTxnId: string | null } | null;
}

export interface Reconciliation {
  gateway: GatewayName;
  day: string;
  ours: number;
  theirs: number;
  matched: number;
  runs: number;
  ranAt: string;
  mismatchCount: number;
  mismatches: Mismatch[];
}

/** Staff roles that see the agency's payments, and those that reconcile and refund. */
export const PAYMENT_VIEWERS = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin', 'admin'];
export const RECONCILERS = ['leader', 'agency_admin', 'admin'];
export const REFUNDERS = ['leader', 'agency_admin'];
