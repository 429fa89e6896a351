/**
 * The seams inside the signatures module between the PKI (CAs, key store, certificates, CRL, OCSP,
 * TSA, trust list) and the signature formats (CAdES, PAdES, XML-DSig/XAdES, validation).
 *
 * The format code depends only on these types, never on the database or the key store, so it can be
 * tested with keys and certificates made by OpenSSL, and the PKI can change key backend (software
 * key store today, PKCS#11 HSM later) without touching it. Other modules use the signatures facade
 * (`modules/signatures/index.ts`), which is built on these.
 */

export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

export type SigningKeyAlgorithm = 'ECDSA-P256' | 'ECDSA-P384' | 'RSA-2048' | 'RSA-3072' | 'RSA-4096';

/** A private key the caller may use now, with its certificate chain (remote signing, or a PKCS#12 the user uploaded). */
export interface SigningKey {
  /** DER certificates, the signer's first, then its CAs up to the root when known. */
  chain: Uint8Array[];
  algorithm: SigningKeyAlgorithm;
  /**
   * Sign the whole message (the key hashes it with `hash`). ECDSA: DER `Ecdsa-Sig-Value`;
   * RSA: RSASSA-PKCS1-v1_5. This is the form X.509, CMS and PDF signatures carry.
   */
  sign(data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array>;
}

/** An RFC 3161 time-stamping authority. */
export interface TimestampAuthority {
  /** A DER `TimeStampToken` (ContentInfo with SignedData) over `digest`, which was computed with `hash`. */
  timestamp(digest: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array>;
}

/** One entry of the trust list (danh sách tin cậy). */
export interface TrustAnchor {
  id: string;
  /**
   * `government`: the government-specialised CA hierarchy; `public`: a public CA (NEAC hierarchy);
   * `federation`: the root of another deployment of this platform, as the exchange hub distributes it.
   */
  category: 'government' | 'public' | 'federation';
  subject: string;
  /** DER certificate of the root. */
  der: Uint8Array;
}

export interface RevocationInfo {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  /** RFC 5280 reason name (`keyCompromise`, …) when revoked. */
  reason?: string;
  /** Where the answer came from. `none`: no CRL or OCSP could be consulted. */
  source: 'ocsp' | 'crl' | 'local' | 'none';
  /** When the source produced the answer (OCSP producedAt / CRL thisUpdate). */
  producedAt?: Date;
}

/** Everything a validator needs from the PKI: whom to trust, and whether a certificate was revoked. */
export interface TrustContext {
  /** The trust list: exactly these roots are trusted. */
  anchors(): Promise<TrustAnchor[]>;
  /** Intermediate CA certificates the platform knows, to complete chains a signature does not carry. */
  intermediates(): Promise<Uint8Array[]>;
  /** Revocation status of `cert` (DER) issued by `issuer` (DER), as known now. */
  revocation(cert: Uint8Array, issuer: Uint8Array): Promise<RevocationInfo>;
  /** The validation time ("now"), from the platform clock. */
  now(): Date;
}

/** ETSI EN 319 102-1 main indication. */
export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

/** ETSI EN 319 102-1 sub-indications the validator reports. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'REVOKED_NO_POE'
  | 'TRY_LATER'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE';

export interface CertificateSummary {
  subject: string;
  commonName: string | null;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
}

/** The report of one signature in a file. */
export interface SignatureReport {
  /** Position in the file (0 = first signature). */
  index: number;
  format: 'PAdES' | 'CAdES' | 'XAdES' | 'XML-DSig';
  /** `B-B`, `B-T` … when it can be told. */
  level: string | null;
  signer: CertificateSummary | null;
  /** Signer first, up to the trust anchor. */
  chain: CertificateSummary[];
  trustAnchor: { id: string; subject: string; category: TrustAnchor['category'] } | null;
  /** Signing time claimed by the signer (signed attribute / PDF /M), ISO 8601. */
  claimedSigningTime: string | null;
  /** A verified RFC 3161 timestamp over the signature, if any. */
  timestamp: { time: string; authority: string; valid: boolean } | null;
  revocation: RevocationInfo | null;
  /** The signed bytes still hash to the signed digest. */
  intact: boolean;
  /** PAdES: the signature covers the whole file as it is now (nothing appended after it other than later signatures). */
  coversWholeDocument: boolean | null;
  /** PAdES: later incremental updates changed the document after this signature (beyond signatures). */
  modifiedAfterSigning: boolean | null;
  indication: Indication;
  subIndication: SubIndication | null;
  /** Human-readable notes, English, for the report (the web app shows the indication in the user's language). */
  messages: string[];
}

export interface ValidationReport {
  mediaType: string;
  /** Overall: the worst indication of the signatures, or INDETERMINATE with SIGNED_DATA_NOT_FOUND when there is none. */
  indication: Indication;
  subIndication: SubIndication | null;
  signatures: SignatureReport[];
  validatedAt: string;
}
