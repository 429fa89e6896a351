import type { Principal } from '../../platform/http/auth.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { ReportingContext } from './reporting.context.js';
import type { ObligationRow, RegimeRow } from './reporting.repository.js';

/** Who may do what on a report (besides being of the right agency). */
export const ROLES = {
  /** Define a regime: the receiving agency's administrators. */
  define: ['agency_admin', 'admin'],
  /** Fill in values and texts. */
  fill: ['specialist', 'clerk', 'leader'],
  /** Submit (the leader signs for the agency). */
  submit: ['leader'],
  /** Accept or return a report received. */
  decide: ['leader', 'specialist'],
  /** Read reports and dashboards. */
  read: ['specialist', 'clerk', 'leader', 'agency_admin', 'admin'],
} as const;

export const isAdmin = (p: Principal) => p.roles.includes('admin');

export function assertRole(p: Principal, roles: readonly string[], action: string) {
  if (p.kind !== 'staff' || !roles.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: roles, action });
}

/** True when the caller's agency is `code` or above it. */
export async function covers(ctx: ReportingContext, p: Principal, code: string) {
  if (isAdmin(p)) return true;
  if (!p.agencyCode) return false;
  return ctx.ports.directory.isWithin(p.agencyCode, code);
}

/** How the caller stands to an obligation: its agency, its receiver, above either, or none. */
export async function standing(ctx: ReportingContext, p: Principal, o: ObligationRow, regime: RegimeRow) {
  const own = p.agencyCode === o.agencyCode;
  const receiver = p.agencyCode === o.receiverCode;
  const above =
    isAdmin(p) ||
    (await covers(ctx, p, o.agencyCode)) ||
    (p.agencyCode !== null && p.agencyCode === regime.receivingAgency);
  return { own, receiver, above, any: own || receiver || above };
}

/** 404 for an outsider: an obligation of another agency's chain does not exist for them. */
export function notFound(id: string) {
  return new NotFoundError('OBLIGATION_NOT_FOUND', `No report obligation ${id}.`, { id });
}
