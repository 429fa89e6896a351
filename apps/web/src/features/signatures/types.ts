export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';
export type SignFormat = 'pades' | 'xades' | 'cades';

export interface CertificateSummary {
  subject: string;
  commonName: string | null;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  fingerprint: string;
}

/** One signature of a POST /api/signatures/validate report (ETSI EN 319 102-1). */
export interface SignatureReport {
  index: number;
  format: 'PAdES' | 'CAdES' | 'XAdES' | 'XML-DSig';
  level: string | null;
  signer: CertificateSummary | null;
  chain: CertificateSummary[];
  trustAnchor: { id: string; subject: string; category: 'government' | 'public' } | null;
  claimedSigningTime: string | null;
  timestamp: { time: string; authority: string; valid: boolean } | null;
  revocation: { status: 'good' | 'revoked' | 'unknown'; revokedAt?: string; reason?: string; source: string } | null;
  intact: boolean;
  coversWholeDocument: boolean | null;
  modifiedAfterSigning: boolean | null;
  indication: Indication;
  subIndication: string | null;
  messages: string[];
}

export interface ValidationReport {
  mediaType: string;
  indication: Indication;
  subIndication: string | null;
  signatures: SignatureReport[];
  validatedAt: string;
}

export interface SignBody {
  fileId: string;
  format: SignFormat;
  certificateId?: string;
  otp?: string;
  /** Instead of `otp`: a passkey assertion (navigator.credentials.get() as JSON) for `signature:<certificateId>`. */
  passkey?: unknown;
  pkcs12?: { data: string; password: string };
  visible?: boolean;
  reason?: string;
  location?: string;
}
