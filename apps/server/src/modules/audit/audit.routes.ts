import type { App } from '../../platform/http/server.js';
import { requireRole, requireUser } from '../../platform/http/auth.js';
import type { PlatformDeps } from '../../platform/module.js';
import { auditScope } from './audit.policy.js';
import { auditRepository } from './audit.repository.js';
import { auditListQuery, auditListResponse, verifyResponse } from './audit.schemas.js';
import { sealAudit, verifyAuditChain } from './audit.service.js';

export function auditRoutes(deps: PlatformDeps) {
  return (app: App) => {
    app.get(
      '/api/audit/events',
      {
        schema: {
          tags: ['audit'],
          summary: 'Browse the audit trail',
          querystring: auditListQuery,
          response: { 200: auditListResponse },
        },
      },
      async (req) => {
        const scope = auditScope(requireUser(req));
        const q = req.query;
        // What has committed is shown in its place in the chain (the sealer may not have run yet).
        await sealAudit(deps.db);
        const { items, total } = await auditRepository.list(deps.db, { ...q, ...scope });
        return { items, total, page: q.page, pageSize: q.pageSize };
      },
    );
    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Verify the hash chain of the audit trail',
          response: { 200: verifyResponse },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return verifyAuditChain(deps.db);
      },
    );
  };
}
