import type { Module, PlatformDeps } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';
import { AuditSealer } from './audit.service.js';

export type AuditModule = Module<AuditSealer>;

/**
 * The audit trail. Other modules write events with `recordAudit(tx, …)` in their own transactions;
 * the module's facade is the sealer that chains committed events (a serving process with WORKERS
 * runs it; `stop` seals what is left).
 */
export function createAudit(deps: PlatformDeps): AuditModule {
  const sealer = new AuditSealer(deps.db, deps.log, deps.config.AUDIT_SEAL_MS);
  return {
    name: 'audit',
    facade: sealer,
    routes: auditRoutes(deps),
    jobs: {},
    start() {
      if (deps.config.WORKERS) sealer.start();
    },
    stop: () => sealer.stop(),
  };
}
