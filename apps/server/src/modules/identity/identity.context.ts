import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config/index.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Db } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/auth.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryService } from '../directory/index.js';
import type { SessionRow, UserRow } from './identity.repository.js';

export const ROLES = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES_NEEDING_AGENCY: Role[] = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin'];

/** What the signatures module answers about a signed identity challenge (structurally its `IdentitySignatureCheck`). */
export type CertificateProofCheck =
  | {
      ok: true;
      certificate: Uint8Array;
      signer: { subject: string; issuer: string; serial: string; fingerprint: string; notAfter: string };
      anchor: { id: string; subject: string; category: string };
    }
  | { ok: false; failure: string; detail: string; signer: { subject: string; fingerprint: string } | null };

/** The port to the platform's CMS validation and trust list, wired by the composition root. */
export interface CertificateProofPort {
  checkIdentitySignature(signature: Uint8Array, content: Uint8Array): Promise<CertificateProofCheck>;
}

/** Shared by the identity use cases. */
export class IdentityContext {
  /** Set once the signatures module exists (it depends on identity, so it cannot be a constructor port). */
  certificateProof: CertificateProofPort | null = null;
  readonly totpBox: SecretBox;
  readonly clientSecretBox: SecretBox;
  private readonly macKey: Buffer;
  private readonly csrfKey: Buffer;

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly config: Config,
    readonly appSecret: string,
    readonly directory: DirectoryService,
  ) {
    this.totpBox = new SecretBox(appSecret, 'totp');
    this.clientSecretBox = new SecretBox(appSecret, 'oidc-client-secret');
    this.macKey = Buffer.from(createHmac('sha256', appSecret).update('egov-mfa-token').digest());
    this.csrfKey = Buffer.from(createHmac('sha256', appSecret).update('egov-csrf').digest());
  }

  /**
   * The CSRF token of a session: a MAC of its token, so it is bound to that session and cannot be
   * chosen by whoever can plant cookies (a sibling subdomain), as a random double-submit value can.
   */
  csrfFor(sessionToken: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionToken).digest('base64url');
  }

  /** A short-lived token proving the password step, for the passkey second-factor step. */
  signMfaToken(userId: string, ttlSeconds = 300): string {
    const body = Buffer.from(
      JSON.stringify({ u: userId, exp: Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds }),
    ).toString('base64url');
    return `${body}.${createHmac('sha256', this.macKey).update(body).digest('base64url')}`;
  }

  verifyMfaToken(token: string): string | null {
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = createHmac('sha256', this.macKey).update(body).digest();
    const got = Buffer.from(mac, 'base64url');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
    try {
      const { u, exp } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      return exp * 1000 > this.clock.now().getTime() && typeof u === 'string' ? u : null;
    } catch {
      return null;
    }
  }
}

export function toPrincipal(
  user: UserRow,
  session: Pick<SessionRow, 'id' | 'acr'> | null,
  via: Principal['via'],
): Principal {
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    kind: user.kind,
    roles: user.roles,
    agencyId: user.agencyId,
    agencyCode: user.agencyCode,
    acr: session?.acr === 2 ? 2 : 1,
    identityLevel: user.kind === 'staff' ? null : user.identityLevel,
    sessionId: session?.id ?? null,
    via,
  };
}

/** Who an account is, as every view of it starts. */
export function accountCore(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    kind: u.kind,
    roles: u.roles,
    agencyCode: u.agencyCode,
    email: u.email,
    totpEnabled: u.totpEnabledAt !== null,
  };
}

/** What a user may see of their own account. */
export function accountView(u: UserRow) {
  return {
    ...accountCore(u),
    phone: u.phone,
    identityLevel: u.identityLevel,
    identityVerifiedAt: u.identityVerifiedAt,
    dateOfBirth: u.dateOfBirth,
    permanentAddress: u.permanentAddress,
    currentAddress: u.currentAddress,
  };
}

/** An identity proven by something other than the account holder's word. */
export const isVerified = (level: string | null | undefined) => !!level && level !== 'self_declared';

/** A summary for audit events: never hashes, secrets or full personal data. */
export function userAuditSummary(u: UserRow): Record<string, unknown> {
  return { username: u.username, kind: u.kind, roles: u.roles, agencyCode: u.agencyCode, status: u.status };
}
