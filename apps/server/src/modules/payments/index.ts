/** Payments: fees of dossiers, online payment gateways (DVCQG, VNPAY-style) with a sandbox, receipts, reconciliation, refunds. */
import type { JobRunner } from '../../platform/jobs/index.js';
import type { PaymentsContext } from './payments.context.js';
import { registerQueryJob } from './use-cases/query.js';
import { registerReconcileJob } from './use-cases/reconcile.js';

export { PaymentsContext } from './payments.context.js';
export { paymentRoutes } from './payments.routes.js';
export { paymentSettings, type PaymentSettings } from './payments.settings.js';
export { sandboxRoutes } from './sandbox/index.js';
export { scheduleDailyReconciliation } from './use-cases/reconcile.js';
export type { GatewayName } from './gateways/gateway.js';

export function registerPaymentJobs(runner: JobRunner, ctx: PaymentsContext) {
  registerQueryJob(runner, ctx);
  registerReconcileJob(runner, ctx);
}
