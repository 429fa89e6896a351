import type { Principal } from '../../../../platform/http/auth.js';
import {
  certificateExpired,
  certificateKeyNotHeld,
  certificateNotYetValid,
  certificateRevoked,
  notCertificateHolder,
  sealCertificateMissing,
} from '../../errors.js';
import type { PkiContext } from '../pki.deps.js';
import { unb64 } from '../pki-crypto.js';
import type { SigningKey } from '../../signing-ports.js';
import { type CertificateRow, signaturesRepository as repo } from '../signatures.repository.js';
import { requireCertificate } from './manage-certificates.js';

/** Roles that may affix an agency's seal: the clerk (văn thư) keeps the seal under Decree 30/2020. */
export const SEAL_ROLES = ['clerk'] as const;

/**
 * The certificate and its CAs up to the root, leaf first, each checked usable now:
 * 409 CERTIFICATE_REVOKED / CERTIFICATE_EXPIRED / CERTIFICATE_NOT_YET_VALID otherwise.
 */
export async function usableChain(c: PkiContext, certId: string): Promise<CertificateRow[]> {
  const now = c.clock.now();
  const chain: CertificateRow[] = [];
  let cur = await requireCertificate(c, certId);
  for (let depth = 0; depth < 5; depth++) {
    if (cur.status === 'revoked') throw certificateRevoked(certId, cur.revokedAt);
    if (now > cur.notAfter) throw certificateExpired(certId, cur.notAfter);
    if (now < cur.notBefore) throw certificateNotYetValid(certId, cur.notBefore);
    chain.push(cur);
    if (cur.issuerId === cur.id) break;
    const next = await c.cache.ca(c.db, cur.issuerId);
    if (!next) break;
    cur = next;
  }
  return chain;
}

/** A server-held key with its chain, for remote signing; the caller has checked who may use it (assertHolder). */
export async function signingKeyFor(c: PkiContext, certId: string): Promise<SigningKey> {
  const chain = await usableChain(c, certId);
  const leaf = chain[0]!;
  if (!leaf.keyId) throw certificateKeyNotHeld(certId);
  const keyId = leaf.keyId;
  const algorithm = await c.store.algorithm(keyId);
  return {
    chain: chain.map((r) => unb64(r.der)),
    algorithm,
    sign: (data, hash) => c.store.sign(keyId, data, hash),
  };
}

/** The agency's current seal key (newest active, unexpired, server-held seal certificate). */
export async function sealKeyFor(c: PkiContext, agencyCode: string): Promise<SigningKey> {
  const agency = await c.directory.find(agencyCode);
  const row = await repo.currentOf(c.db, 'seal', { agencyCode: agency?.code ?? agencyCode }, c.clock.now());
  if (!row) throw sealCertificateMissing(agencyCode);
  return signingKeyFor(c, row.id);
}

/**
 * 403 CERTIFICATE_NOT_HOLDER unless the principal may sign with this certificate: a person
 * certificate by its holder; a seal certificate by a clerk of that agency. Confirmation (acr 2,
 * TOTP or passkey) is the sign use case's to demand.
 */
export async function assertHolder(c: PkiContext, principal: Principal, certId: string): Promise<void> {
  const row = await requireCertificate(c, certId);
  if (row.profile === 'person' && row.ownerUserId === principal.userId) return;
  const clerk = principal.kind === 'staff' && SEAL_ROLES.some((r) => principal.roles.includes(r));
  if (row.profile === 'seal' && clerk && principal.agencyCode !== null && principal.agencyCode === row.ownerAgencyCode)
    return;
  throw notCertificateHolder(certId);
}
