import { createHash } from 'node:crypto';
import type { SignatureReport, TrustContext } from '../../../signing-ports.js';
import { cmsEvidence } from '../cades-validate.js';
import type { TrustView } from '../chain.js';
import { parseCms } from '../cms-verify.js';
import { evaluate, type SignatureEvidence } from '../evaluate.js';
import { disallowedChanges } from './pdf-changes.js';
import { coversWhole, type PdfSignatureField, scanSignatures } from './pdf-scan.js';

const CMS_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

function brokenEvidence(index: number, problem: string): SignatureEvidence {
  return {
    index,
    format: 'PAdES',
    signerCert: null,
    certPool: [],
    claimedSigningTime: null,
    intact: false,
    signatureValid: false,
    formatProblem: problem,
    digestAlgorithms: [],
    signingCertificateRef: null,
    coversWholeDocument: null,
    modifiedAfterSigning: null,
    messages: [],
  };
}

async function evidence(
  pdf: Uint8Array,
  f: PdfSignatureField,
  index: number,
  whole: boolean,
): Promise<SignatureEvidence> {
  if (!f.contents) return brokenEvidence(index, 'the byte range does not frame the signature contents');
  const cms = parseCms(f.contents);
  if (!cms) return brokenEvidence(index, 'the signature contents are not a CMS signature');
  const [a, b, c, d] = f.byteRange;
  const ranges = [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
  let ev: SignatureEvidence;
  if (f.subFilter === 'adbe.pkcs7.sha1') {
    // Legacy: the CMS encapsulates the SHA-1 digest of the byte ranges.
    ev = cmsEvidence(cms, 0, cms.eContent ? [cms.eContent] : null, 'PAdES');
    const h = createHash('sha1');
    for (const r of ranges) h.update(r);
    ev.intact = ev.intact === true && !!cms.eContent && h.digest().equals(Buffer.from(cms.eContent));
    ev.digestAlgorithms.push('sha1');
  } else {
    ev = cmsEvidence(cms, 0, ranges, 'PAdES');
    if (f.subFilter && !CMS_SUBFILTERS.has(f.subFilter)) ev.formatProblem = `unsupported SubFilter ${f.subFilter}`;
  }
  ev.claimedSigningTime ??= f.signingTime;
  ev.coversWholeDocument = whole;
  ev.modifiedAfterSigning = false;
  if (!whole && ev.intact) {
    const changes = await disallowedChanges(pdf, c + d).catch(() => null);
    ev.modifiedAfterSigning = changes ? changes.length > 0 : null;
    ev.messages.push(...(changes ?? ['the later revisions could not be compared']).slice(0, 5));
  }
  return ev;
}

/** Reports for every signature of a PDF (document timestamps are not signatures and are skipped). */
export async function validatePdf(pdf: Uint8Array, view: TrustView, trust: TrustContext): Promise<SignatureReport[]> {
  const fields = scanSignatures(pdf).filter((f) => f.type !== 'DocTimeStamp' && f.subFilter !== 'ETSI.RFC3161');
  const out: SignatureReport[] = [];
  for (const [i, f] of fields.entries()) {
    out.push(await evaluate(await evidence(pdf, f, i, coversWhole(pdf, f)), view, trust));
  }
  return out;
}
