import type { Principal } from '../../platform/http/auth.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { GatewayContext } from './gateway.context.js';

/** Who administers members: the platform administrator, and an agency's administrator for its subtree. */
export const ADMIN_ROLES = ['admin', 'agency_admin'] as const;

export const isPlatformAdmin = (p: Principal) => p.kind === 'staff' && p.roles.includes('admin');

/** 403 unless the caller is an administrator (of the platform or of an agency). */
export function assertAdministrator(p: Principal) {
  if (p.kind !== 'staff' || !ADMIN_ROLES.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: ADMIN_ROLES });
}

/** Whether the caller administers the member (agency) `agencyCode`. */
export async function administers(ctx: GatewayContext, p: Principal, agencyCode: string): Promise<boolean> {
  if (isPlatformAdmin(p)) return true;
  if (p.kind !== 'staff' || !p.roles.includes('agency_admin') || !p.agencyCode) return false;
  return ctx.ports.directory.isWithin(p.agencyCode, agencyCode);
}

/** 403 unless the caller administers the member (the provider's administrator grants and revokes rights). */
export async function assertAdministers(ctx: GatewayContext, p: Principal, agencyCode: string) {
  assertAdministrator(p);
  if (!(await administers(ctx, p, agencyCode)))
    throw new ForbiddenError('GATEWAY_OTHER_MEMBER', 'This member is administered by another agency.', {
      agencyCode,
    });
}

/** 404 (not 403: an outsider learns nothing of another member's exchanges) unless the caller administers either side. */
export async function assertMaySeeExchange(
  ctx: GatewayContext,
  p: Principal,
  agencyCodes: string[],
  messageId: string,
) {
  assertAdministrator(p);
  for (const code of agencyCodes) if (await administers(ctx, p, code)) return;
  throw new NotFoundError('GATEWAY_MESSAGE_NOT_FOUND', 'No such exchange in this gateway’s log.', { messageId });
}
