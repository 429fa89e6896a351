import type { ApiBody, ApiResponse, ItemOf } from '../api/types';

export type Payment = ApiResponse<'/api/payments/{id}'>;
export type PaymentStatus = Payment['status'];
export type Receipt = NonNullable<Payment['receipt']>;
export type Fees = ApiResponse<'/api/dossiers/{code}/fees'>;
export type FeeLine = Fees['lines'][number];
export type GatewayName = Fees['defaultGateway'];
export type StartResult = ApiResponse<'/api/dossiers/{code}/payments', 'post'>;
export type SetFeesBody = ApiBody<'/api/dossiers/{code}/fees', 'put'>;
export type DeskPaymentBody = ApiBody<'/api/dossiers/{code}/payments/desk', 'post'>;
export type TransferReportBody = ApiBody<'/api/payments/transfers', 'post'>;
export type CollectionAccountBody = ApiBody<'/api/payments/accounts/{agencyCode}', 'put'>;
export type BankTransfer = NonNullable<Payment['transfer']>;
export type ScheduleLine = Fees['schedule']['lines'][number];
export type Reconciliation = ItemOf<ApiResponse<'/api/payments/reconciliation'>>;
export type Mismatch = Reconciliation['mismatches'][number];

/** Staff roles that see the agency's payments, and those that reconcile and refund. */
export const PAYMENT_VIEWERS = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin', 'admin'];
export const RECONCILERS = ['leader', 'agency_admin', 'admin'];
/** Who handles bank pushes that settled nothing (the agency's transfer reporters, and the administrator). */
export const PUSH_HANDLERS = ['reception', 'leader', 'agency_admin', 'admin'];
export const REFUNDERS = ['leader', 'agency_admin'];
