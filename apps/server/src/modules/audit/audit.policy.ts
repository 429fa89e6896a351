import type { Principal } from '../../platform/http/auth.js';
import { ForbiddenError } from '../../platform/http/errors.js';

/** Admins read the whole trail; an agency admin reads only events of their own agency. */
export function auditScope(p: Principal): { agencyCode?: string } {
  if (p.roles.includes('admin')) return {};
  if (p.roles.includes('agency_admin') && p.agencyCode) return { agencyCode: p.agencyCode };
  throw new ForbiddenError('FORBIDDEN_ROLE', 'Only administrators can read the audit trail.');
}
