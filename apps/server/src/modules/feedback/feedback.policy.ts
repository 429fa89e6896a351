import type { Principal } from '../../platform/http/auth.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { FeedbackContext } from './feedback.context.js';
import type { ItemRow } from './feedback.repository.js';

/** Who may take each action on a piece of feedback (besides being of the competent agency). */
export const ACTION_ROLES = {
  route: ['reception', 'clerk', 'leader', 'admin'],
  transfer: ['reception', 'clerk', 'leader'],
  answer: ['specialist', 'leader'],
  approve: ['leader'],
  publish: ['reception', 'clerk', 'leader'],
  merge: ['reception', 'clerk', 'leader'],
} as const;

export const STAFF_ROLES = ['reception', 'clerk', 'specialist', 'leader', 'agency_admin', 'admin'];

export const isStaff = (p: Principal | null): p is Principal => !!p && p.kind === 'staff';

/** True when the civil servant works at the agency (or one above it) the feedback is at, or may route it. */
export async function inAgencyOf(ctx: FeedbackContext, p: Principal, item: ItemRow): Promise<boolean> {
  if (p.roles.includes('admin')) return true;
  if (!p.agencyCode) return false;
  const at = item.agencyCode ? [item.agencyCode] : item.candidateAgencies;
  for (const code of at) if (await ctx.ports.directory.isWithin(p.agencyCode, code)) return true;
  return false;
}

/** 403 unless the caller holds one of the roles of `action` at the feedback's agency. */
export async function assertMay(ctx: FeedbackContext, p: Principal, action: keyof typeof ACTION_ROLES, item: ItemRow) {
  const roles: readonly string[] = ACTION_ROLES[action];
  if (!isStaff(p) || !roles.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: roles, action });
  if (!(await inAgencyOf(ctx, p, item)))
    throw new ForbiddenError('FEEDBACK_OTHER_AGENCY', 'This feedback is handled by another agency.', {
      agencyCode: item.agencyCode,
    });
}
