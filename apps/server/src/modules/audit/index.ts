/** Audit trail: hash-chained events written in the caller's transaction. */
export { createAudit, type AuditModule } from './audit.module.js';
export {
  AuditSealer,
  auditStatement,
  auditStatementFor,
  recordAudit,
  recordAudits,
  sealAudit,
  verifyAuditChain,
  type AuditInput,
  type VerifyResult,
} from './audit.service.js';
