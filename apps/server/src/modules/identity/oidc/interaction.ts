import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';
import { actorContext, type Principal } from '../../../platform/http/auth.js';
import { BadRequestError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { OIDC_PREFIX, requiredAcr } from './provider.js';

/** Where the web app logs the user in (and steps up to level 2), then sends them back. */
export function webLoginUrl(uid: string, acr: 1 | 2): string {
  const back = `${OIDC_PREFIX}/interaction/${encodeURIComponent(uid)}`;
  return `/login?returnTo=${encodeURIComponent(back)}${acr === 2 ? '&acr=2' : ''}`;
}

async function details(
  provider: Provider,
  req: FastifyRequest,
  reply: FastifyReply,
  uid: string,
): Promise<InteractionDetails> {
  const d = await provider.interactionDetails(req.raw, reply.raw).catch(() => null);
  if (!d || d.uid !== uid) {
    throw new BadRequestError(
      'OIDC_INTERACTION_NOT_FOUND',
      'This sign-in request expired or belongs to another browser; start again from the application.',
    );
  }
  return d;
}

/** Every scope and claim the client asked for, granted for the logged-in user; audited. */
async function grantConsent(
  ctx: IdentityContext,
  provider: Provider,
  req: FastifyRequest,
  p: Principal,
  d: InteractionDetails,
) {
  const clientId = d.params.client_id ?? '';
  // Every client is registered by an administrator (no dynamic registration): consent is implied.
  if (!(await provider.Client.find(clientId))) throw new BadRequestError('OIDC_CLIENT_NOT_FOUND', 'Unknown client.');
  const grant =
    (d.grantId ? await provider.Grant.find(d.grantId) : undefined) ??
    new provider.Grant({ accountId: p.userId, clientId });
  const missing = d.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await ctx.db.transaction(async (tx) => {
    await recordAudit(
      tx,
      actorContext(req),
      {
        action: 'oidc.consent_granted',
        subjectType: 'oidc_client',
        subjectId: clientId,
        after: { grantId, scopes: missing.missingOIDCScope ?? [], claims: missing.missingOIDCClaims ?? [] },
      },
      ctx.clock.now(),
    );
  });
  return grantId;
}

/**
 * GET /oidc/interaction/:uid — the provider sends the browser here to log in or consent. Login is
 * our own (the `egov_session` cookie); without it, or below the level the client demands, the web
 * app's login page takes over and sends the user back. Returns where to redirect (303).
 */
export async function continueInteraction(
  ctx: IdentityContext,
  provider: Provider,
  req: FastifyRequest,
  reply: FastifyReply,
  uid: string,
): Promise<string> {
  const d = await details(provider, req, reply, uid);
  const p = req.principal;
  if (!p || p.via !== 'cookie' || p.kind === 'client') return webLoginUrl(uid, 1);
  if (d.prompt.name === 'login') {
    if (p.acr < requiredAcr(d.params.acr_values)) return webLoginUrl(uid, 2);
    return provider.interactionResult(
      req.raw,
      reply.raw,
      { login: { accountId: p.userId, acr: String(p.acr) } },
      { mergeWithLastSubmission: false },
    );
  }
  if (d.prompt.name === 'consent') {
    if (d.session?.accountId !== p.userId) {
      return provider.interactionResult(
        req.raw,
        reply.raw,
        { error: 'login_required', error_description: 'The signed-in user changed.' },
        { mergeWithLastSubmission: false },
      );
    }
    const grantId = await grantConsent(ctx, provider, req, p, d);
    return provider.interactionResult(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  return provider.interactionResult(
    req.raw,
    reply.raw,
    { error: 'interaction_required', error_description: `Unsupported prompt ${d.prompt.name}.` },
    { mergeWithLastSubmission: false },
  );
}
