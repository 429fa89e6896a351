import { generateKeyPairSync, hkdfSync, randomUUID } from 'node:crypto';
import { SecretBox } from '../../../platform/crypto/secret-box.js';
import type { IdentityContext } from '../identity.context.js';
import { oidcPayloadRepository as repo } from './oidc-payloads.repository.js';

const JWKS_MODEL = 'Jwks';
const JWKS_ID = 'signing';

export interface SigningJwks {
  keys: Record<string, unknown>[];
}

/**
 * The provider's RS256 signing keys: generated once, sealed with a key derived from APP_SECRET,
 * kept in identity.oidc_payloads (model `Jwks`). The first process to start writes them; the
 * others (and every restart) read the same row, so ID tokens verify whichever process signed them.
 */
export async function loadSigningKeys(ctx: IdentityContext): Promise<SigningJwks> {
  const box = new SecretBox(ctx.appSecret, 'oidc-jwks');
  let row = await repo.find(ctx.db, JWKS_MODEL, JWKS_ID, new Date());
  if (!row) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
    await repo.insertIfAbsent(ctx.db, {
      model: JWKS_MODEL,
      id: JWKS_ID,
      payload: { sealed: box.seal(JSON.stringify({ keys: [jwk] })) },
    });
    row = await repo.find(ctx.db, JWKS_MODEL, JWKS_ID, new Date());
    if (!row) throw new Error('OIDC signing keys could not be stored');
  }
  return JSON.parse(box.open(String(row.payload.sealed))) as SigningJwks;
}

/** Keys for the provider's signed cookies, derived from APP_SECRET (same in every process). */
export function cookieKeys(appSecret: string): string[] {
  return [Buffer.from(hkdfSync('sha256', appSecret, 'egov-oidc', 'cookie-keys', 32)).toString('base64url')];
}
