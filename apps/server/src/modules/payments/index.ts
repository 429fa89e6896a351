/** Payments: fees of dossiers, online payment gateways (DVCQG, VNPAY-style) with a sandbox, receipts, reconciliation, refunds. */
export { createPayments, type PaymentsModule, type PaymentsPorts } from './payments.module.js';

export { PaymentsContext, type ReceiptSealer } from './payments.context.js';
export { paymentSettings, type PaymentSettings } from './payments.settings.js';
export type { GatewayName } from './gateways/gateway.js';
export { seedDemoCollectionAccounts } from './use-cases/vietqr.js';
