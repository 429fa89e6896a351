import { collectJobs, type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import type { DirectoryService } from '../directory/index.js';
import type { DossiersContext } from '../dossiers/index.js';
import type { ProceduresService } from '../procedures/index.js';
import { type ReceiptSealer, PaymentsContext } from './payments.context.js';
import { bankPushRoutes } from './bank-pushes.routes.js';
import { paymentRoutes } from './payments.routes.js';
import { paymentSettings } from './payments.settings.js';
import { sandboxRoutes } from './sandbox/index.js';
import { registerQueryJob } from './use-cases/query.js';
import { registerReconcileJob, scheduleDailyReconciliation } from './use-cases/reconcile.js';
import { registerSealJob } from './use-cases/seal-receipt.js';

/** What payments needs from other modules. */
export interface PaymentsPorts {
  directory: DirectoryService;
  procedures: ProceduresService;
  /** The dossiers whose fees are paid (fee events go back to them). */
  dossiers: DossiersContext;
  /** Seals receipts with the collecting agency's seal. */
  sealer: ReceiptSealer;
}

export type PaymentsModule = Module<PaymentsContext>;

/** Fees of dossiers: gateways (DVCQG, VNPAY-style) and their sandbox, receipts, reconciliation, refunds. */
export function createPayments(deps: PlatformDeps, ports: PaymentsPorts): PaymentsModule {
  const settings = paymentSettings(deps.config, deps.appSecret);
  const payments = new PaymentsContext(
    deps.db,
    deps.clock,
    settings,
    ports.directory,
    ports.procedures,
    ports.dossiers,
    deps.files,
    ports.sealer,
    deps.log,
  );
  return {
    name: 'payments',
    facade: payments,
    async routes(app) {
      await paymentRoutes(payments)(app);
      await bankPushRoutes(payments)(app);
      if (settings.sandbox) await sandboxRoutes(settings, deps.clock)(app);
    },
    jobs: collectJobs((r) => {
      registerQueryJob(r, payments);
      registerReconcileJob(r, payments);
      registerSealJob(r, payments);
    }),
    init: () => scheduleDailyReconciliation(payments),
    stop: noStop,
  };
}
