import type { Principal } from '../../platform/http/auth.js';

/** Who may set what a dossier owes (nghĩa vụ tài chính). */
export const FEE_SETTERS = ['reception', 'specialist', 'leader'];
/** Who takes cash and bank transfers at the one-stop desk. */
export const DESK_ROLES = ['reception'];
/** Who sends money back: a leader of the agency, or its administrator. */
export const REFUNDERS = ['leader', 'agency_admin'];
/** Who decides a payment in review (paid or not): as for refunds, a leader or the agency's administrator. */
export const REVIEWERS = ['leader', 'agency_admin'];
/** Who reports a bank transfer seen on the agency's account (it settles the matching VietQR payment). */
export const TRANSFER_REPORTERS = ['reception', 'leader', 'agency_admin'];
/** Who sets the bank account an agency collects fees into. */
export const ACCOUNT_SETTERS = ['agency_admin', 'admin', 'leader'];
/** Who sees the agency's payments. */
export const PAYMENT_VIEWERS = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin', 'admin'];
/** Who reads and runs reconciliation. */
export const RECONCILERS = ['leader', 'agency_admin', 'admin'];

export function hasAnyRole(p: Principal, roles: readonly string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}
