import type { Account } from 'oidc-provider';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';

/**
 * Scopes we publish and the claims each releases. `acr` rides with `openid` so every ID token
 * carries the level of the session (1 password, 2 with a second factor); its value comes from the
 * session, not from the account.
 */
export const OIDC_CLAIMS = {
  openid: ['sub', 'acr'],
  profile: ['name', 'preferred_username'],
  email: ['email'],
  roles: ['roles', 'agency_code'],
  auth_time: null,
  sid: null,
  iss: null,
} as const;

export const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'roles'] as const;

/** oidc-provider's findAccount: our active users, with the claims above. */
export async function findOidcAccount(ctx: IdentityContext, sub: string): Promise<Account | undefined> {
  if (sub.startsWith('client:')) return undefined;
  const u = await repo.userById(ctx.db, sub);
  if (!u || u.status !== 'active') return undefined;
  return {
    accountId: u.id,
    claims: () => ({
      sub: u.id,
      name: u.fullName,
      preferred_username: u.username,
      email: u.email ?? undefined,
      roles: u.roles,
      agency_code: u.agencyCode ?? undefined,
    }),
  };
}
