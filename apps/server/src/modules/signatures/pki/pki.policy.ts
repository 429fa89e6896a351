import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import type { DirectoryService } from '../../directory/index.js';

/** Who may issue and revoke: admins anything; agency admins certificates of their agency and the units below it. */
export async function assertMayManage(
  directory: DirectoryService,
  actor: Principal,
  agencyCode: string | null,
): Promise<void> {
  if (actor.roles.includes('admin')) return;
  if (!actor.roles.includes('agency_admin') || !actor.agencyCode) {
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only administrators manage certificates.', {
      requiredRoles: ['admin', 'agency_admin'],
    });
  }
  if (!agencyCode || !(await directory.isWithin(actor.agencyCode, agencyCode))) {
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You may only manage certificates of your own agency.', {
      agencyCode,
    });
  }
}

export const isCertificateAdmin = (p: Principal) =>
  p.roles.includes('admin') || (p.roles.includes('agency_admin') && !!p.agencyCode);
