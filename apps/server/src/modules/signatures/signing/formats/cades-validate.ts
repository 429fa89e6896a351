import { createHash } from 'node:crypto';
import type { SignatureReport, TrustContext } from '../../signing-ports.js';
import type { TrustView } from './chain.js';
import { type ParsedCms, signerFacts } from './cms-verify.js';
import { evaluate, type SignatureEvidence } from './evaluate.js';

/**
 * The evidence of signer `index` of a CMS over `content` (given as pieces: a PDF's byte ranges).
 * `content` null: detached and not provided.
 */
export function cmsEvidence(
  cms: ParsedCms,
  index: number,
  content: Uint8Array[] | null,
  format: SignatureReport['format'],
): SignatureEvidence {
  const f = signerFacts(cms, index, content);
  let intact: boolean | null = null;
  if (content) {
    if (f.messageDigest && f.digestAlgorithm) {
      const h = createHash(f.digestAlgorithm);
      for (const c of content) h.update(c);
      intact = h.digest().equals(f.messageDigest);
    } else {
      // Without signed attributes the signature is over the content itself.
      intact = f.signatureValid;
    }
  }
  const messages: string[] = [];
  if (!f.signingCertificateRef)
    messages.push('no signed signing-certificate attribute: a plain CMS signature, not a CAdES baseline one');
  if (!f.contentTypeOk) messages.push('the content-type attribute does not match the content');
  return {
    index,
    format,
    signerCert: f.signerCert,
    certPool: cms.certificates,
    claimedSigningTime: f.signingTime,
    intact,
    signatureValid: f.signatureValid,
    formatProblem: f.contentTypeOk ? null : 'the content-type attribute does not match the content',
    unsupported: f.unsupported,
    digestAlgorithms: [f.digestAlgorithm ?? ''],
    signingCertificateRef: f.signingCertificateRef,
    timestamp: f.timestampTokens.length ? { token: f.timestampTokens[0]!, data: f.signatureValue } : null,
    coversWholeDocument: null,
    modifiedAfterSigning: null,
    messages,
  };
}

/** Reports for every signer of a CAdES / CMS signature. */
export async function validateCms(
  cms: ParsedCms,
  detachedContent: Uint8Array | null,
  view: TrustView,
  trust: TrustContext,
): Promise<SignatureReport[]> {
  const content = cms.eContent ?? detachedContent;
  const out: SignatureReport[] = [];
  for (let i = 0; i < cms.signers.length; i++) {
    out.push(await evaluate(cmsEvidence(cms, i, content ? [content] : null, 'CAdES'), view, trust));
  }
  return out;
}
