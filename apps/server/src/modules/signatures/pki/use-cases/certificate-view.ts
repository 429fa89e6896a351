import * as x509 from '@peculiar/x509';
import { unb64 } from '../pki-crypto.js';
import { type RevocationReason, reasonName } from '../profiles.js';
import type { CertificateRow } from '../signatures.repository.js';

/** A certificate as the API shows it (never the key). */
export interface CertificateView {
  id: string;
  profile: CertificateRow['profile'];
  serial: string;
  subject: string;
  issuer: string;
  issuerId: string;
  ownerUserId: string | null;
  ownerAgencyCode: string | null;
  /** The key is held by the platform (remote signing); false for a certificate made from the holder's CSR. */
  keyHeld: boolean;
  keyAlgorithm: string;
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  status: 'active' | 'revoked';
  revokedAt: Date | null;
  revocationReason: RevocationReason | null;
  pem: string;
}

export function keyAlgorithm(cert: x509.X509Certificate): string {
  const a = cert.publicKey.algorithm as { name: string; namedCurve?: string; modulusLength?: number };
  if (a.namedCurve) return `ECDSA-${a.namedCurve.replace('-', '')}`;
  if (a.modulusLength) return `RSA-${a.modulusLength}`;
  return a.name;
}

export function toView(r: CertificateRow): CertificateView {
  const cert = new x509.X509Certificate(unb64(r.der));
  return {
    id: r.id,
    profile: r.profile,
    serial: r.serial,
    subject: r.subject,
    issuer: cert.issuer,
    issuerId: r.issuerId,
    ownerUserId: r.ownerUserId,
    ownerAgencyCode: r.ownerAgencyCode,
    keyHeld: r.keyId !== null,
    keyAlgorithm: keyAlgorithm(cert),
    fingerprint: r.fingerprint,
    notBefore: r.notBefore,
    notAfter: r.notAfter,
    status: r.status,
    revokedAt: r.revokedAt,
    revocationReason: reasonName(r.revocationReason),
    pem: cert.toString('pem'),
  };
}
