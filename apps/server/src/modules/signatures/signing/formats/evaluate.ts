/**
 * From the facts of one signature to its ETSI EN 319 102-1 indication. The order follows the
 * standard's building blocks: format, identification of the signing certificate, cryptographic
 * verification, X.509 validation (path, revocation, validity) with proofs of existence, then
 * cryptographic constraints. See docs/decisions for the policy choices.
 */
import type { Indication, RevocationInfo, SignatureReport, SubIndication, TrustContext } from '../../signing-ports.js';
import type { CertInfo } from './certs.js';
import { buildChain, type ChainResult, revocationFacts, type TrustView } from './chain.js';
import { verifyTimestamp, type TimestampFacts } from './timestamp.js';

export interface SignatureEvidence {
  index: number;
  format: SignatureReport['format'];
  signerCert: CertInfo | null;
  /** Certificates the signature carries. */
  certPool: Uint8Array[];
  claimedSigningTime: Date | null;
  /** The signed content hashes to the signed digest; null when the content is not available. */
  intact: boolean | null;
  signatureValid: boolean;
  /** The signature is structurally unusable (and the reason). */
  formatProblem?: string | null;
  /** An algorithm we cannot verify. */
  unsupported?: string | null;
  /** Digest or signature algorithm names used, to apply cryptographic constraints (`sha1`). */
  digestAlgorithms: string[];
  /** The signed signing-certificate reference (ESS / XAdES), if any, and whether it names the signer. */
  signingCertificateRef: { matches: boolean } | null;
  /** RFC 3161 token over `timestampData`. */
  timestamp?: { token: Uint8Array; data: Uint8Array } | null;
  coversWholeDocument: boolean | null;
  modifiedAfterSigning: boolean | null;
  messages: string[];
}

type Verdict = [Indication, SubIndication | null, string?];

function revocationVerdict(
  info: RevocationInfo,
  poe: Date | null,
  claimed: Date | null,
  whose: string,
): Verdict | null {
  if (info.status !== 'revoked') return null;
  const at = info.revokedAt ?? null;
  if (poe && at && poe < at) return null;
  const when = at ? ` on ${at.toISOString()}` : '';
  if (poe || (claimed && at && claimed >= at))
    return ['TOTAL_FAILED', 'REVOKED', `${whose} was revoked${when}, before the signature was made`];
  return [
    'INDETERMINATE',
    'REVOKED_NO_POE',
    `${whose} was revoked${when}; nothing proves the signature existed before that`,
  ];
}

const WEAK_DIGESTS = new Set(['sha1', 'md5']);

function cryptoConstraint(ev: SignatureEvidence, chain: CertInfo[]): string | null {
  const weak = ev.digestAlgorithms.find((d) => WEAK_DIGESTS.has(d));
  if (weak) return `${weak.toUpperCase()} is no longer accepted for signatures`;
  const small = chain.find((c) => c.keyType === 'rsa' && c.keyBits < 2048);
  if (small) return `RSA keys under 2048 bits are no longer accepted (${small.summary.subject})`;
  return null;
}

/** The first failing check, in the order of the standard; null when everything passes. */
function verdict(
  ev: SignatureEvidence,
  chain: ChainResult | null,
  rev: Awaited<ReturnType<typeof revocationFacts>> | null,
  ts: TimestampFacts | null,
  now: Date,
): Verdict | null {
  if (ev.formatProblem) return ['TOTAL_FAILED', 'FORMAT_FAILURE', ev.formatProblem];
  if (ev.intact === null) return ['INDETERMINATE', 'SIGNED_DATA_NOT_FOUND', 'the signed content was not provided'];
  if (!ev.signerCert)
    return ['INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', 'the signing certificate is not in the signature'];
  if (!ev.intact) return ['TOTAL_FAILED', 'HASH_FAILURE', 'the signed content was changed after signing'];
  if (ev.unsupported) return ['INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', `unsupported ${ev.unsupported}`];
  if (!ev.signatureValid)
    return ['TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', 'the signature value does not verify with the signing certificate'];
  if (ev.signingCertificateRef && !ev.signingCertificateRef.matches) {
    return [
      'INDETERMINATE',
      'NO_SIGNING_CERTIFICATE_FOUND',
      'the signed signing-certificate reference names another certificate',
    ];
  }
  if (ev.modifiedAfterSigning)
    return [
      'TOTAL_FAILED',
      'FORMAT_FAILURE',
      'the document was changed after this signature (not only by later signatures)',
    ];
  if (!chain?.anchor)
    return ['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'no path from the signing certificate to the trust list'];
  const poe = ts?.valid ? ts.time : null;
  if (rev?.signer) {
    const v = revocationVerdict(rev.signer, poe, ev.claimedSigningTime, 'the signing certificate');
    if (v) return v;
  }
  if (rev?.ca) {
    const v = revocationVerdict(rev.ca.info, poe, ev.claimedSigningTime, rev.ca.subject);
    if (v) return v;
  }
  if (chain.constraintProblem) return ['INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE', chain.constraintProblem];
  const at = poe ?? now;
  const outside = chain.chain.find((c) => at < c.notBefore || at > c.notAfter);
  if (outside) {
    return [
      'INDETERMINATE',
      'OUT_OF_BOUNDS_NO_POE',
      `${outside.summary.subject} is not valid at ${at.toISOString()} and no timestamp proves an earlier signing time`,
    ];
  }
  const unknown = [rev?.signer, rev?.ca?.info].find((r) => r && (r.status === 'unknown' || r.source === 'none'));
  if (unknown) return ['INDETERMINATE', 'TRY_LATER', 'the revocation status could not be obtained'];
  const weak = cryptoConstraint(ev, chain.chain);
  if (weak) return ['INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', weak];
  return null;
}

function level(ev: SignatureEvidence, ts: TimestampFacts | null): string | null {
  if (!ev.signingCertificateRef) return null;
  return ts?.valid ? 'B-T' : 'B-B';
}

/** The report of one signature. */
export async function evaluate(ev: SignatureEvidence, view: TrustView, trust: TrustContext): Promise<SignatureReport> {
  const now = trust.now();
  const usable = ev.signerCert && ev.intact && ev.signatureValid && !ev.formatProblem;
  const chain = ev.signerCert ? buildChain(ev.signerCert, ev.certPool, view) : null;
  const ts = ev.timestamp ? verifyTimestamp(ev.timestamp.token, ev.timestamp.data, view) : null;
  const rev = usable && chain?.anchor ? await revocationFacts(chain.chain, trust) : null;
  const messages = [...ev.messages];
  if (ts && !ts.valid) messages.push(`timestamp not accepted: ${ts.problem}`);
  if (ts?.valid && rev?.signer?.status === 'revoked')
    messages.push('the certificate was revoked after the timestamp: the signature stays valid');
  const v = verdict(ev, chain, rev, ts, now);
  if (v?.[2]) messages.unshift(v[2]);
  const anchor = chain?.anchor ?? null;
  return {
    index: ev.index,
    format: ev.format,
    level: level(ev, ts),
    signer: ev.signerCert?.summary ?? null,
    chain: (chain?.chain ?? []).map((c) => c.summary),
    trustAnchor: anchor ? { id: anchor.id, subject: anchor.subject, category: anchor.category } : null,
    claimedSigningTime: ev.claimedSigningTime?.toISOString() ?? null,
    timestamp: ts && ts.time ? { time: ts.time.toISOString(), authority: ts.authority, valid: ts.valid } : null,
    revocation: rev?.signer ?? null,
    intact: ev.intact === true,
    coversWholeDocument: ev.coversWholeDocument,
    modifiedAfterSigning: ev.modifiedAfterSigning,
    indication: v ? v[0] : 'TOTAL_PASSED',
    subIndication: v ? v[1] : null,
    messages,
  };
}
