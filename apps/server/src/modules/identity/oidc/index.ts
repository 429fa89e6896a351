import type { Principal } from '../../../platform/http/auth.js';
import type { App } from '../../../platform/http/server.js';
import { type IdentityContext, toPrincipal } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { mountProvider } from './mount.js';
import { getProvider } from './provider.js';

export { getProvider } from './provider.js';

/** OIDC provider at /oidc (discovery also at /.well-known/openid-configuration): code + PKCE, client credentials. */
export function oidcRoutes(ctx: IdentityContext) {
  return async (app: App) => {
    const provider = await getProvider(ctx);
    provider.on('server_error', (_kctx, err) => app.log.error({ err }, 'oidc provider error'));
    await mountProvider(ctx, provider)(app);
  };
}

// oidc-provider's opaque tokens: 43 base64url characters by default.
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** An access token issued by the OIDC provider → principal, or null. */
export async function resolveOidcAccessToken(ctx: IdentityContext, token: string): Promise<Principal | null> {
  if (!OPAQUE_TOKEN.test(token)) return null;
  const provider = await getProvider(ctx);
  const found = (await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token));
  if (!found?.isValid) return null;
  const client = await repo.oidcClient(ctx.db, found.clientId);
  if (!client) return null;
  if (found.kind === 'ClientCredentials') {
    return {
      kind: 'client',
      userId: `client:${client.clientId}`,
      username: client.clientId,
      fullName: client.name,
      roles: [],
      agencyId: null,
      agencyCode: client.ownerAgencyCode,
      acr: 1,
      identityLevel: null,
      sessionId: null,
      via: 'bearer',
    };
  }
  if (!found.accountId) return null;
  const user = await repo.userById(ctx.db, found.accountId);
  if (!user || user.status !== 'active') return null;
  return { ...toPrincipal(user, null, 'bearer'), acr: found.extra?.acr === '2' ? 2 : 1 };
}
