/** Certificate path building to the trust list, and the facts the ETSI indication is derived from. */
import type { RevocationInfo, TrustAnchor, TrustContext } from '../../signing-ports.js';
import { type CertInfo, issuedBy, KU, tryCertInfo } from './certs.js';

export interface TrustView {
  anchors: { anchor: TrustAnchor; info: CertInfo }[];
  intermediates: CertInfo[];
}

/** The trust list and known intermediates, parsed (certificates are cached by fingerprint). */
export async function trustView(trust: TrustContext): Promise<TrustView> {
  const [anchors, intermediates] = await Promise.all([trust.anchors(), trust.intermediates()]);
  return {
    anchors: anchors.flatMap((anchor) => {
      const info = tryCertInfo(anchor.der);
      return info ? [{ anchor, info }] : [];
    }),
    intermediates: intermediates.map(tryCertInfo).filter((c): c is CertInfo => c !== null),
  };
}

export interface ChainResult {
  /** Signer first; ends with the trust anchor's certificate when one was reached. */
  chain: CertInfo[];
  anchor: TrustAnchor | null;
  /** A CA in the path that may not issue certificates, or a signer key not meant for signing. */
  constraintProblem: string | null;
}

const MAX_DEPTH = 8;

/** Builds the path from `leaf` through `pool` (certificates the signature carries) and the known intermediates to an anchor. */
export function buildChain(leaf: CertInfo, pool: Uint8Array[], view: TrustView): ChainResult {
  const candidates = [...pool.map(tryCertInfo).filter((c): c is CertInfo => c !== null), ...view.intermediates];
  const chain = [leaf];
  const seen = new Set([leaf.fingerprint]);
  let anchor: TrustAnchor | null = null;
  for (let cur = leaf; chain.length <= MAX_DEPTH;) {
    const self = view.anchors.find((a) => a.info.fingerprint === cur.fingerprint);
    if (self) {
      anchor = self.anchor;
      break;
    }
    const above = view.anchors.find((a) => issuedBy(cur, a.info));
    if (above) {
      chain.push(above.info);
      anchor = above.anchor;
      break;
    }
    const next = candidates.find((c) => !seen.has(c.fingerprint) && issuedBy(cur, c));
    if (!next) break;
    chain.push(next);
    seen.add(next.fingerprint);
    cur = next;
  }
  return { chain, anchor, constraintProblem: anchor ? constraintProblem(chain) : null };
}

function constraintProblem(chain: CertInfo[]): string | null {
  const [leaf, ...cas] = chain;
  if (leaf!.keyUsage !== null && !(leaf!.keyUsage & (KU.digitalSignature | KU.nonRepudiation))) {
    return 'the signing certificate is not for digital signatures (key usage)';
  }
  // The anchor itself is trusted by configuration (RFC 5280 §6.1.1): check the CAs below it.
  for (const ca of cas.slice(0, -1)) {
    if (!ca.isCA) return `${ca.summary.subject} is not a CA (basic constraints)`;
    if (ca.keyUsage !== null && !(ca.keyUsage & KU.keyCertSign))
      return `${ca.summary.subject} may not sign certificates (key usage)`;
  }
  return null;
}

export interface RevocationFacts {
  /** The signer certificate's status. */
  signer: RevocationInfo | null;
  /** The first revoked or unknown certificate above the signer. */
  ca: { subject: string; info: RevocationInfo } | null;
}

/** Revocation of every certificate in the path below the anchor, as the PKI knows it now. */
export async function revocationFacts(chain: CertInfo[], trust: TrustContext): Promise<RevocationFacts> {
  const below = chain.slice(0, -1);
  const infos = await Promise.all(below.map((c, i) => trust.revocation(c.der, chain[i + 1]!.der)));
  const caIndex = infos.findIndex((r, i) => i > 0 && r.status !== 'good');
  return {
    signer: infos[0] ?? null,
    ca: caIndex > 0 ? { subject: below[caIndex]!.summary.subject, info: infos[caIndex]! } : null,
  };
}
