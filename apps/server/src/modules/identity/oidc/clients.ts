import type { z } from 'zod';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId, randomToken } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo, type OidcClientRow } from '../identity.repository.js';
import { clientMetadata } from './adapter.js';
import type { createOidcClientBody } from './oidc.schemas.js';
import { getProvider } from './provider.js';

export type OidcClientInput = z.output<typeof createOidcClientBody>;

export function oidcClientView(c: OidcClientRow) {
  return {
    clientId: c.clientId,
    name: c.name,
    redirectUris: c.redirectUris,
    grantTypes: c.grantTypes,
    scopes: c.scopes,
    public: c.clientSecret === null,
    ownerAgencyCode: c.ownerAgencyCode,
    createdAt: c.createdAt,
  };
}

const auditSummary = (c: OidcClientRow) => ({
  name: c.name,
  redirectUris: c.redirectUris,
  grantTypes: c.grantTypes,
  scopes: c.scopes,
  public: c.clientSecret === null,
});

/** Rules the schema cannot express alone: which grant types go together, and with what. */
function checkCombination(input: OidcClientInput) {
  const g = new Set(input.grantTypes);
  if (g.has('authorization_code') && input.redirectUris.length === 0) {
    throw ValidationError.field(
      'redirectUris',
      'REQUIRED',
      'The authorization code flow needs at least one redirect URI.',
    );
  }
  if (g.has('refresh_token') && !g.has('authorization_code')) {
    throw ValidationError.field(
      'grantTypes',
      'REFRESH_TOKEN_WITHOUT_CODE',
      'refresh_token only goes with authorization_code.',
    );
  }
  if (input.public && g.has('client_credentials')) {
    throw ValidationError.field(
      'public',
      'PUBLIC_CLIENT_CREDENTIALS',
      'A public client cannot use client_credentials (it has no secret).',
    );
  }
}

function defaultScopes(input: OidcClientInput): string[] {
  if (input.scopes) return [...new Set(input.scopes)];
  if (!input.grantTypes.includes('authorization_code')) return [];
  return ['openid', 'profile', 'email', ...(input.grantTypes.includes('refresh_token') ? ['offline_access'] : [])];
}

/** Register a client (admins): the secret is returned once and stored sealed. */
export async function registerOidcClient(
  ctx: IdentityContext,
  actor: ActorContext,
  by: Principal,
  input: OidcClientInput,
) {
  checkCombination(input);
  const secret = input.public ? null : `ecs_${randomToken(32)}`;
  const row: OidcClientRow = {
    clientId: newId('cli'),
    name: input.name.normalize('NFC'),
    clientSecret: secret ? ctx.clientSecretBox.seal(secret) : null,
    redirectUris: [...new Set(input.redirectUris)],
    postLogoutRedirectUris: [],
    grantTypes: [...new Set(input.grantTypes)],
    scopes: defaultScopes(input),
    ownerAgencyCode: by.agencyCode,
    createdAt: ctx.clock.now(),
    disabledAt: null,
  };
  // The provider's own metadata rules (response types, auth method …) before anything is stored.
  const provider = await getProvider(ctx);
  await provider.Client.validate(clientMetadata(ctx, row)).catch((err: Error & { error_description?: string }) => {
    throw ValidationError.field('grantTypes', 'INVALID_CLIENT_METADATA', err.error_description ?? err.message);
  });
  await ctx.db.transaction(async (tx) => {
    const c = await repo.insertOidcClient(tx, row);
    await recordAudit(
      tx,
      actor,
      { action: 'oidc.client_registered', subjectType: 'oidc_client', subjectId: c.clientId, after: auditSummary(c) },
      ctx.clock.now(),
    );
  });
  return { clientId: row.clientId, ...(secret ? { clientSecret: secret } : {}) };
}

export async function listOidcClients(ctx: IdentityContext) {
  return { items: (await repo.oidcClients(ctx.db)).map(oidcClientView) };
}

/** Disable a client: its next token request and every token check fail from now on. */
export async function disableOidcClient(ctx: IdentityContext, actor: ActorContext, clientId: string) {
  await ctx.db.transaction(async (tx) => {
    const [c] = await repo.disableOidcClient(tx, clientId, ctx.clock.now());
    if (!c) throw new NotFoundError('OIDC_CLIENT_NOT_FOUND', 'No such active client.');
    await recordAudit(
      tx,
      actor,
      { action: 'oidc.client_disabled', subjectType: 'oidc_client', subjectId: clientId, before: auditSummary(c) },
      ctx.clock.now(),
    );
  });
}
