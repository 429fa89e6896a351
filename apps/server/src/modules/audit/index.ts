/** Audit trail: hash-chained events written in the caller's transaction. */
export {
  AuditSealer,
  auditStatement,
  recordAudit,
  sealAudit,
  verifyAuditChain,
  type AuditInput,
  type VerifyResult,
} from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
