/** Audit trail: hash-chained events written in the caller's transaction. */
export { recordAudit, verifyAuditChain, type AuditInput, type VerifyResult } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
