import { createHash, createHmac } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { AppError } from '../../../platform/http/errors.js';
import { randomToken } from '../../../platform/ids/index.js';
import type { IdentityContext } from '../identity.context.js';

/** Where the platform trusts the national identity provider, as a relying party (ADR 0015). */
export interface VneidSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token claim that carries the 12-digit personal ID number. */
  idClaim: string;
  scope: string;
  redirectUri: string;
  /** The sandbox is mounted in this process at /sandbox/vneid. */
  sandbox: boolean;
}

export const VNEID_SANDBOX_PATH = '/sandbox/vneid';
export const VNEID_CALLBACK_PATH = '/api/auth/vneid/callback';

/** From the configuration: the real provider (VNEID_ISSUER), the in-process sandbox, or none. */
export function vneidSettings(ctx: IdentityContext): VneidSettings | null {
  const c = ctx.config;
  const redirectUri = `${c.publicUrl}${VNEID_CALLBACK_PATH}`;
  const common = { idClaim: c.VNEID_ID_CLAIM, scope: c.VNEID_SCOPE, redirectUri };
  if (c.VNEID_ISSUER) {
    if (!c.VNEID_CLIENT_SECRET) return null;
    return {
      ...common,
      issuer: c.VNEID_ISSUER.replace(/\/$/, ''),
      clientId: c.VNEID_CLIENT_ID,
      clientSecret: c.VNEID_CLIENT_SECRET,
      sandbox: false,
    };
  }
  const sandbox = c.VNEID_SANDBOX ?? c.NODE_ENV !== 'production';
  if (!sandbox) return null;
  return {
    ...common,
    issuer: `${c.publicUrl}${VNEID_SANDBOX_PATH}`,
    clientId: c.VNEID_CLIENT_ID,
    clientSecret: createHmac('sha256', ctx.appSecret).update('vneid-sandbox-client').digest('base64url'),
    sandbox: true,
  };
}

export class VneidError extends AppError {
  constructor(code: string, message: string) {
    super(502, code, message);
  }
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const discoveries = new Map<string, { at: number; d: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> }>();

async function discover(s: VneidSettings) {
  const hit = discoveries.get(s.issuer);
  if (hit && Date.now() - hit.at < 3600_000) return hit;
  const res = await fetch(`${s.issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  if (!res?.ok) throw new VneidError('VNEID_UNAVAILABLE', 'The national identity provider did not answer.');
  const d = (await res.json()) as Discovery;
  if (d.issuer !== s.issuer) throw new VneidError('VNEID_UNAVAILABLE', 'The identity provider names another issuer.');
  const entry = { at: Date.now(), d, jwks: createRemoteJWKSet(new URL(d.jwks_uri)) };
  discoveries.set(s.issuer, entry);
  return entry;
}

export interface AuthorizationStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The authorization request (code flow, PKCE S256, state and nonce). */
export async function authorizationUrl(s: VneidSettings, prompt?: 'login'): Promise<AuthorizationStart> {
  const { d } = await discover(s);
  const state = randomToken(24);
  const nonce = randomToken(24);
  const codeVerifier = randomToken(32);
  const u = new URL(d.authorization_endpoint);
  u.search = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: s.redirectUri,
    scope: s.scope,
    state,
    nonce,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(prompt ? { prompt } : {}),
  }).toString();
  return { url: u.toString(), state, nonce, codeVerifier };
}

/** Redeem the code at the token endpoint and verify the ID token (signature, issuer, audience, expiry, nonce). */
export async function redeemCode(
  s: VneidSettings,
  code: string,
  codeVerifier: string,
  nonce: string,
): Promise<JWTPayload & Record<string, unknown>> {
  const { d, jwks } = await discover(s);
  const res = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(s.clientId)}:${encodeURIComponent(s.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: s.redirectUri,
      code_verifier: codeVerifier,
    }),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  if (!res) throw new VneidError('VNEID_UNAVAILABLE', 'The national identity provider did not answer.');
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
  if (!res.ok || !body.id_token)
    throw new VneidError('VNEID_CODE_REFUSED', `The identity provider refused the code (${body.error ?? res.status}).`);
  const { payload } = await jwtVerify(body.id_token, jwks, { issuer: s.issuer, audience: s.clientId }).catch(() => {
    throw new VneidError('VNEID_TOKEN_INVALID', 'The ID token does not verify.');
  });
  if (payload.nonce !== nonce)
    throw new VneidError('VNEID_TOKEN_INVALID', 'The ID token was not issued for this sign-in.');
  return payload as JWTPayload & Record<string, unknown>;
}
