import type { IncomingMessage } from 'node:http';
import Provider, { type ClientLike, interactionPolicy, type KoaContextWithOIDC, type Token } from 'oidc-provider';
import type { Principal } from '../../../platform/http/auth.js';
import type { IdentityContext } from '../identity.context.js';
import { findOidcAccount, OIDC_CLAIMS, OIDC_SCOPES } from './account.js';
import { ClientAdapter, DrizzleAdapter } from './adapter.js';
import { cookieKeys, loadSigningKeys } from './keys.js';
import { oidcPayloadRepository } from './oidc-payloads.repository.js';

export const OIDC_PREFIX = '/oidc';

/** The platform principal of the request handed to the provider (set by the Fastify mount). */
export const platformPrincipals = new WeakMap<IncomingMessage, Principal | null>();

/** The level of assurance an authorization request demands: the lowest of its acr_values (1 when none). */
export function requiredAcr(acrValues: string | undefined): 1 | 2 {
  const levels = (acrValues ?? '').split(' ').filter((v) => v === '1' || v === '2');
  return levels.length && levels.every((v) => v === '2') ? 2 : 1;
}

/**
 * Login is asked again whenever the provider's own session no longer matches the platform session
 * (logged out, another user, or a lower level than the client demands): single sign-on follows
 * the `egov_session` cookie instead of outliving it.
 */
function policy() {
  const p = interactionPolicy.base();
  p.get('login')!.checks.add(
    new interactionPolicy.Check(
      'platform_session',
      'The platform session ended, changed or is below the requested level',
      'login_required',
      (kctx) => {
        const principal = platformPrincipals.get(kctx.req);
        if (!principal || principal.kind === 'client') return interactionPolicy.Check.REQUEST_PROMPT;
        if (kctx.oidc.session.accountId !== principal.userId) return interactionPolicy.Check.REQUEST_PROMPT;
        if (requiredAcr(kctx.oidc.params.acr_values) > principal.acr) return interactionPolicy.Check.REQUEST_PROMPT;
        return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      },
    ),
  );
  return p;
}

/** Error pages without third-party fonts or inline styles; details stay in the logs. */
async function renderError(kctx: KoaContextWithOIDC, out: Record<string, string>) {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  kctx.type = 'html';
  kctx.body = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi đăng nhập / Sign-in error</title>
<h1>Không thể đăng nhập / Sign-in error</h1><p><code>${esc(out.error ?? 'server_error')}</code></p>
<p>${esc(out.error_description ?? '')}</p></html>`;
}

/** The access token's level of assurance, copied from the code or refresh token it comes from. */
async function extraTokenClaims(kctx: KoaContextWithOIDC | undefined, token: Token) {
  if (token.kind !== 'AccessToken') return undefined;
  const source = kctx?.oidc.entities.AuthorizationCode ?? kctx?.oidc.entities.RefreshToken;
  return source?.acr ? { acr: source.acr } : undefined;
}

async function createProvider(ctx: IdentityContext): Promise<Provider> {
  const issuer = `${ctx.config.publicUrl}${OIDC_PREFIX}`;
  const jwks = await loadSigningKeys(ctx);
  // Expired codes, sessions and tokens are never read again (the adapter filters them); drop those
  // a day past expiry at each start. A long-running deployment wants this as a periodic job too.
  await oidcPayloadRepository.purgeExpired(ctx.db, new Date(Date.now() - 24 * 3600 * 1000));
  const provider = new Provider(issuer, {
    adapter: (model: string) => (model === 'Client' ? new ClientAdapter(ctx) : new DrizzleAdapter(ctx.db, model)),
    findAccount: (_kctx: unknown, sub: string) => findOidcAccount(ctx, sub),
    jwks,
    cookies: {
      keys: cookieKeys(ctx.appSecret),
      names: { session: 'egov_oidc_session', interaction: 'egov_oidc_interaction', resume: 'egov_oidc_resume' },
      long: { httpOnly: true, sameSite: 'lax', path: OIDC_PREFIX },
      short: { httpOnly: true, sameSite: 'lax', path: OIDC_PREFIX },
    },
    claims: OIDC_CLAIMS,
    scopes: [...OIDC_SCOPES],
    acrValues: ['1', '2'],
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // Resource servers (confidential clients) may introspect any token; public clients only their own.
        allowedPolicy: async (kctx: KoaContextWithOIDC, client: ClientLike, token: Token) =>
          client.clientAuthMethod !== 'none' || token.clientId === kctx.oidc.client?.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_kctx: KoaContextWithOIDC, client: ClientLike, token: Token) =>
          token.clientId === client.clientId,
      },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: { enabled: false },
    },
    interactions: {
      url: async (_kctx: unknown, interaction: { uid: string }) => `${OIDC_PREFIX}/interaction/${interaction.uid}`,
      policy: policy(),
    },
    issueRefreshToken: async (_kctx: unknown, client: ClientLike, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    extraTokenClaims,
    renderError,
    clientBasedCORS: (_kctx: unknown, origin: string, client: ClientLike) =>
      client.redirectUris.some((u) => new URL(u).origin === origin),
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      ClientCredentials: 10 * 60,
      IdToken: 10 * 60,
      RefreshToken: 8 * 3600,
      Interaction: 30 * 60,
      Session: ctx.config.SESSION_TTL_SECONDS,
      Grant: 30 * 24 * 3600,
    },
  });
  // URLs the provider builds come from the request; pin them to PUBLIC_URL (see mount.ts).
  provider.proxy = true;
  return provider;
}

const providers = new WeakMap<IdentityContext, Promise<Provider>>();

/** The one provider of this identity context (created on first use, keys loaded or generated). */
export function getProvider(ctx: IdentityContext): Promise<Provider> {
  let p = providers.get(ctx);
  if (!p) {
    p = createProvider(ctx);
    p.catch(() => providers.delete(ctx));
    providers.set(ctx, p);
  }
  return p;
}
