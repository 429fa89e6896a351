import type {
  CertificateSummary,
  RevocationInfo,
  SubIndication,
  TrustAnchor,
  TrustContext,
} from '../../signing-ports.js';
import { cmsEvidence } from '../formats/cades-validate.js';
import { KU } from '../formats/certs.js';
import { trustView } from '../formats/chain.js';
import { parseCms } from '../formats/cms-verify.js';
import { evaluate } from '../formats/evaluate.js';

/** Why a signed identity challenge does not prove anything (the identity module names them CERT_*). */
export type IdentitySignatureFailure =
  | 'SIGNATURE_INVALID'
  | 'UNTRUSTED_CHAIN'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'REVOKED'
  | 'REVOCATION_UNKNOWN'
  | 'KEY_USAGE'
  | 'WEAK_ALGORITHM';

export type IdentitySignatureCheck =
  | {
      ok: true;
      /** DER of the signer's certificate, to read the subject's identifiers from. */
      certificate: Uint8Array;
      signer: CertificateSummary;
      anchor: { id: string; subject: string; category: TrustAnchor['category'] };
      revocation: RevocationInfo;
    }
  | { ok: false; failure: IdentitySignatureFailure; detail: string; signer: CertificateSummary | null };

/** A PEM (`-----BEGIN PKCS7-----`, `CMS`, `SIGNED DATA`) or base64 text to DER; raw DER stays as it is. */
export function cmsBytes(input: Uint8Array): Uint8Array {
  const head = Buffer.from(input.subarray(0, 64)).toString('latin1').trimStart();
  if (input[0] === 0x30) return input;
  const text = Buffer.from(input).toString('latin1');
  const body = head.startsWith('-----BEGIN') ? text.replace(/-----[^-]+-----/g, '') : text;
  const b64 = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return new Uint8Array();
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

const BY_SUB: Partial<Record<SubIndication, IdentitySignatureFailure>> = {
  FORMAT_FAILURE: 'SIGNATURE_INVALID',
  HASH_FAILURE: 'SIGNATURE_INVALID',
  SIG_CRYPTO_FAILURE: 'SIGNATURE_INVALID',
  NO_SIGNING_CERTIFICATE_FOUND: 'SIGNATURE_INVALID',
  SIGNED_DATA_NOT_FOUND: 'SIGNATURE_INVALID',
  NO_CERTIFICATE_CHAIN_FOUND: 'UNTRUSTED_CHAIN',
  CHAIN_CONSTRAINTS_FAILURE: 'UNTRUSTED_CHAIN',
  REVOKED: 'REVOKED',
  REVOKED_NO_POE: 'REVOKED',
  OUT_OF_BOUNDS_NO_POE: 'EXPIRED',
  OUT_OF_BOUNDS_NOT_REVOKED: 'EXPIRED',
  TRY_LATER: 'REVOCATION_UNKNOWN',
  CRYPTO_CONSTRAINTS_FAILURE: 'WEAK_ALGORITHM',
};

/**
 * Check a CMS/PKCS#7 signature (detached, or attached over the same bytes) of `content` as proof
 * that the holder of a certificate signed it *now*: the platform's CMS validation (signature, path
 * to the trust list, revocation), then stricter rules than a document signature's, since nothing
 * here may rest on an earlier proof of existence: exactly one signer; every certificate of the path
 * valid now; revoked at any time is revoked; a status that cannot be learnt is a refusal; the
 * anchor in one of `categories` (a federated deployment's root vouches for its own officials and
 * seals, not for citizens); the signer's key usage, when stated, digitalSignature or nonRepudiation.
 */
export async function checkIdentitySignature(
  signature: Uint8Array,
  content: Uint8Array,
  trust: TrustContext,
  categories: TrustAnchor['category'][],
): Promise<IdentitySignatureCheck> {
  const fail = (failure: IdentitySignatureFailure, detail: string, signer: CertificateSummary | null = null) =>
    ({ ok: false, failure, detail, signer }) as const;
  let cms: ReturnType<typeof parseCms> = null;
  try {
    cms = parseCms(cmsBytes(signature));
  } catch {
    cms = null;
  }
  if (!cms) return fail('SIGNATURE_INVALID', 'not a CMS/PKCS#7 signature (DER, PEM or base64)');
  if (cms.signers.length !== 1)
    return fail('SIGNATURE_INVALID', `the signature has ${cms.signers.length} signers; exactly one is expected`);
  if (cms.eContent && !Buffer.from(cms.eContent).equals(Buffer.from(content)))
    return fail('SIGNATURE_INVALID', 'the signature carries other content than the text to sign');
  const now = trust.now();
  const view = await trustView(trust);
  const ev = cmsEvidence(cms, 0, [content], 'CAdES');
  const report = await evaluate(ev, view, trust);
  const signer = report.signer;
  if (!ev.signerCert || !signer)
    return fail('SIGNATURE_INVALID', "the signature does not carry the signer's certificate");
  const leaf = ev.signerCert;
  if (leaf.keyUsage !== null && !(leaf.keyUsage & (KU.digitalSignature | KU.nonRepudiation)))
    return fail('KEY_USAGE', 'the certificate is not for digital signatures (key usage)', signer);
  if (report.indication !== 'TOTAL_PASSED') {
    const failure = (report.subIndication && BY_SUB[report.subIndication]) ?? 'SIGNATURE_INVALID';
    if (failure === 'EXPIRED' && now < leaf.notBefore)
      return fail('NOT_YET_VALID', report.messages[0] ?? 'not valid yet', signer);
    return fail(failure, report.messages[0] ?? report.subIndication ?? 'not valid', signer);
  }
  if (!report.trustAnchor || !categories.includes(report.trustAnchor.category))
    return fail('UNTRUSTED_CHAIN', `the certificate chains to a ${report.trustAnchor?.category} root`, signer);
  if (report.chain.some((c) => now < new Date(c.notBefore)))
    return fail('NOT_YET_VALID', 'a certificate of the path is not valid yet', signer);
  const expired = report.chain.find((c) => now > new Date(c.notAfter));
  if (expired) return fail('EXPIRED', `${expired.subject} expired on ${expired.notAfter}`, signer);
  const rev = report.revocation;
  if (rev?.status === 'revoked')
    return fail(
      'REVOKED',
      `the certificate was revoked${rev.revokedAt ? ` on ${rev.revokedAt.toISOString()}` : ''}`,
      signer,
    );
  if (!rev || rev.status !== 'good' || rev.source === 'none')
    return fail('REVOCATION_UNKNOWN', 'the revocation status could not be obtained', signer);
  return {
    ok: true,
    certificate: leaf.der,
    signer,
    anchor: report.trustAnchor,
    revocation: rev,
  };
}
