import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../../platform/db/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository, type OidcClientRow } from '../identity.repository.js';
import { oidcPayloadRepository as repo, type OidcPayloadRow } from './oidc-payloads.repository.js';

// oidc-provider computes every expiry from the wall clock (not our injectable Clock), so its
// storage does too: a TestClock jump must not expire or resurrect its artefacts.
const wallClock = () => new Date();

function toPayload(row: OidcPayloadRow | null): AdapterPayload | undefined {
  if (!row) return undefined;
  const payload = { ...(row.payload as AdapterPayload) };
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload;
}

/** oidc-provider's storage for one model (Session, AccessToken, Grant …) in identity.oidc_payloads. */
export class DrizzleAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
    await repo.upsert(this.db, {
      id,
      model: this.model,
      payload,
      grantId: typeof payload.grantId === 'string' ? payload.grantId : null,
      userCode: typeof payload.userCode === 'string' ? payload.userCode : null,
      uid: typeof payload.uid === 'string' ? payload.uid : null,
      expiresAt: typeof expiresIn === 'number' ? new Date(Date.now() + expiresIn * 1000) : null,
    });
  }
  async find(id: string) {
    return toPayload(await repo.find(this.db, this.model, id, wallClock()));
  }
  async findByUid(uid: string) {
    return toPayload(await repo.findByUid(this.db, this.model, uid, wallClock()));
  }
  async findByUserCode(userCode: string) {
    return toPayload(await repo.findByUserCode(this.db, this.model, userCode, wallClock()));
  }
  async consume(id: string) {
    await repo.consume(this.db, this.model, id, wallClock());
  }
  async destroy(id: string) {
    await repo.destroy(this.db, this.model, id);
  }
  async revokeByGrantId(grantId: string) {
    await repo.destroyByGrantId(this.db, this.model, grantId);
  }
}

/** A registered client row → oidc-provider client metadata (the secret unsealed). */
export function clientMetadata(ctx: IdentityContext, row: OidcClientRow): AdapterPayload {
  const code = row.grantTypes.includes('authorization_code');
  return {
    client_id: row.clientId,
    client_name: row.name,
    ...(row.clientSecret
      ? { client_secret: ctx.clientSecretBox.open(row.clientSecret), token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    grant_types: row.grantTypes,
    response_types: code ? ['code'] : [],
    ...(row.scopes.length ? { scope: row.scopes.join(' ') } : {}),
  };
}

/**
 * Clients come from identity.oidc_clients on every lookup, so a client an admin registers (or
 * disables) takes effect at once in every process, without a restart. Registration through the
 * provider itself is off: writes go through the admin routes.
 */
export class ClientAdapter implements Adapter {
  constructor(private readonly ctx: IdentityContext) {}

  async find(id: string) {
    if (id.length > 100) return undefined;
    const row = await identityRepository.oidcClient(this.ctx.db, id);
    return row ? clientMetadata(this.ctx, row) : undefined;
  }
  async upsert(): Promise<void> {
    throw new Error('OIDC clients are registered through /api/admin/oidc-clients');
  }
  async findByUid() {
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}
