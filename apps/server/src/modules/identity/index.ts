/** Identity: accounts, sessions, second factors, levels of assurance, OIDC provider. */
import { sql } from 'drizzle-orm';
import type { Principal } from '../../platform/http/auth.js';
import { IdentityContext, isVerified } from './identity.context.js';
import { identityRepository } from './identity.repository.js';
import { resolveOidcAccessToken } from './oidc/index.js';
import { resolveSession, userOfPrincipal } from './use-cases/sessions.js';

export { IdentityContext, ROLES, type Role } from './identity.context.js';
export { createIdentity, type IdentityModule, type IdentityPorts } from './identity.module.js';
export { createStaffUser } from './use-cases/staff-users.js';
export { registerAccount } from './use-cases/register.js';
export { checkPersonalId, makePersonalId } from './personal-id.js';
export { checkTaxCode, makeTaxCode } from './tax-code.js';
export { totp } from './totp.js';
export { confirmActionWithTotp, otpAsFieldError } from './use-cases/totp.js';
export { markIdentityVerified } from './use-cases/identity-verification.js';
export { startVneidSandbox } from './vneid/sandbox.js';
export { confirmActionWithPasskey } from './use-cases/passkey-actions.js';
export type { AuthenticationResponseJSON as PasskeyAssertion } from '@simplewebauthn/server';
export { passkeyAssertion as passkeyAssertionSchema } from './identity.schemas.js';

/** The CSRF token bound to a session token (checked by the HTTP layer on cookie-authenticated changes). */
export function csrfTokenFor(ctx: IdentityContext) {
  return (sessionToken: string) => ctx.csrfFor(sessionToken);
}

/** Bearer token or cookie → principal. */
export function principalResolver(ctx: IdentityContext) {
  return async (token: string, via: Principal['via']) =>
    (await resolveSession(ctx, token, via)) ?? (via === 'bearer' ? resolveOidcAccessToken(ctx, token) : null);
}

/** True before the first account exists (first start: seed). */
export async function hasNoAccounts(ctx: IdentityContext): Promise<boolean> {
  return (await identityRepository.countUsers(ctx.db)) === 0;
}

/** What other modules may know about an account. */
export interface AccountInfo {
  id: string;
  kind: 'citizen' | 'business' | 'staff';
  username: string;
  fullName: string;
  roles: string[];
  agencyCode: string | null;
  email: string | null;
  phone: string | null;
  idNumber: string | null;
  taxCode: string | null;
  active: boolean;
  /** The identity was proven (desk, VNeID, certificate), not only declared by whoever registered. */
  identityVerified: boolean;
}

function info(u: NonNullable<Awaited<ReturnType<typeof identityRepository.userById>>>): AccountInfo {
  return {
    id: u.id,
    kind: u.kind,
    username: u.username,
    fullName: u.fullName,
    roles: u.roles,
    agencyCode: u.agencyCode,
    email: u.email,
    phone: u.phone,
    idNumber: u.idNumber,
    taxCode: u.taxCode,
    active: u.status === 'active',
    identityVerified: isVerified(u.identityLevel),
  };
}

/** Look up an account by id (for other modules: assignees, applicants). */
/** The caller's own account: as read with their session in this request, else from the database. */
export async function accountOf(ctx: IdentityContext, p: Principal): Promise<AccountInfo | null> {
  const u = userOfPrincipal(p);
  return u ? info(u) : findAccount(ctx, p.userId);
}

export async function findAccount(ctx: IdentityContext, id: string): Promise<AccountInfo | null> {
  const u = await identityRepository.userById(ctx.db, id);
  return u ? info(u) : null;
}

/** The second factors an account can confirm an action with (for the modules that ask for step-up). */
export async function secondFactorsOf(ctx: IdentityContext, userId: string) {
  const u = await identityRepository.userById(ctx.db, userId);
  const creds = u ? await identityRepository.credentials(ctx.db, userId) : [];
  return { totp: !!u?.totpEnabledAt, passkeys: creds.length };
}

/** Look up an account by personal ID number or tax code (counter submissions). */
export async function findAccountByLogin(ctx: IdentityContext, login: string): Promise<AccountInfo | null> {
  const u = await identityRepository.userByLogin(ctx.db, login);
  return u ? info(u) : null;
}

/** Active civil servants of these agencies holding one of `roles` (for other modules' pickers: handlers, assignees). */
export async function listStaffAccounts(
  ctx: IdentityContext,
  agencyCodes: string[],
  roles: string[],
): Promise<AccountInfo[]> {
  const out = new Map<string, AccountInfo>();
  for (const agencyCode of agencyCodes) {
    for (const role of roles) {
      const { items } = await identityRepository.listUsers(ctx.db, {
        kind: 'staff',
        agencyCode,
        role,
        page: 1,
        pageSize: 200,
      });
      for (const u of items) if (u.status === 'active') out.set(u.id, info(u));
    }
  }
  return [...out.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

/** Active civil servants of these agencies whose name contains `q` (accent-insensitive), for a people picker. */
export async function searchStaffAccounts(
  ctx: IdentityContext,
  agencyCodes: string[],
  q: string | undefined,
  limit: number,
): Promise<AccountInfo[]> {
  return (await identityRepository.searchStaff(ctx.db, agencyCodes, q, limit)).map(info);
}

/**
 * Citizen and business accounts per local registration day (touched since `since`), and how many
 * of them have a proven identity now (Resolution 17: accounts with verified identity), for the
 * reporting module's rollups. Accounts belong to no agency: the key's agency is ''.
 */
export async function accountDayFacts(ctx: IdentityContext, since: Date) {
  const vnDate = (col: string) => sql.raw(`((${col} at time zone 'UTC') + interval '7 hours')::date`);
  const r = (await ctx.db.execute(sql`
    with touched as (
      select distinct ${vnDate('created_at')} as d from identity.users
      where updated_at >= ${since.toISOString()} and kind in ('citizen', 'business'))
    select t.d::text as day, count(u.id)::int as accounts,
      count(u.id) filter (where u.identity_level <> 'self_declared')::int as verified
    from touched t left join identity.users u on u.kind in ('citizen', 'business')
      and u.created_at >= ((t.d)::timestamp - interval '7 hours') at time zone 'UTC'
      and u.created_at < ((t.d + 1)::timestamp - interval '7 hours') at time zone 'UTC'
    group by t.d`)) as unknown as { rows: { day: string; accounts: number; verified: number }[] };
  return r.rows.map((x) => ({
    agencyCode: '',
    day: String(x.day),
    accounts: Number(x.accounts),
    accountsVerified: Number(x.verified),
  }));
}
