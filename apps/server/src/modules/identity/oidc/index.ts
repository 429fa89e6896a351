import type { Principal } from '../../../platform/http/auth.js';
import type { App } from '../../../platform/http/server.js';
import type { IdentityContext } from '../identity.context.js';

/** OIDC provider (to be implemented): discovery, authorization code + PKCE, client credentials. */
export function oidcRoutes(_ctx: IdentityContext) {
  return async (_app: App) => {};
}

/** An access token issued by the OIDC provider → principal, or null. */
export async function resolveOidcAccessToken(_ctx: IdentityContext, _token: string): Promise<Principal | null> {
  return null;
}
