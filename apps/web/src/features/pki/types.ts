export type CertificateProfile = 'root' | 'issuing' | 'person' | 'seal' | 'tsa' | 'ocsp';

export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
] as const;
export type RevocationReason =
  (typeof REVOCATION_REASONS)[number] | 'cACompromise' | 'certificateHold' | 'aACompromise';

/** A certificate as GET /api/pki/certificates returns it. */
export interface Certificate {
  id: string;
  profile: CertificateProfile;
  serial: string;
  subject: string;
  issuer: string;
  issuerId: string;
  ownerUserId: string | null;
  ownerAgencyCode: string | null;
  keyHeld: boolean;
  keyAlgorithm: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  status: 'active' | 'revoked';
  revokedAt: string | null;
  revocationReason: RevocationReason | null;
  pem: string;
}

export interface CertificateAuthority extends Certificate {
  certificateUrl: string;
  crlUrl: string;
}

export interface TrustAnchor {
  id: string;
  category: 'government' | 'public';
  subject: string;
  fingerprint: string;
  notAfter: string;
  own: boolean;
  pem: string;
}

export interface IssueBody {
  profile: 'person' | 'seal';
  userId?: string;
  agencyCode?: string;
  csr?: string;
}

export interface CertificateFilter {
  owner?: string;
  profile?: 'person' | 'seal';
  status?: 'active' | 'revoked';
  page?: number;
  pageSize?: number;
}
