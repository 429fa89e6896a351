import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { DOMParser as DsigParser } from '@xmldom/xmldom';
import { createHash, type KeyObject, X509Certificate as NodeX509, verify as nodeVerify } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type {
  CertificateSummary,
  HashAlgorithm,
  Indication,
  SignatureReport,
  SigningKey,
  SubIndication,
  ValidationReport,
} from '../../signatures/index.js';
import { canonicalize, canonicalizeInto } from '../../signatures/index.js';

export const ALG = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  /** Not a W3C identifier, but what the national exchange's packages write for exclusive c14n. */
  excC14nAsWritten: 'http://www.w3.org/TR/xml-exc-c14n#',
} as const;

/** Methods this platform signs with, and accepts from anyone. */
const ACCEPTED_SIGNATURE_METHODS: Record<string, HashAlgorithm> = {
  [ALG.rsaSha256]: 'SHA-256',
  [ALG.rsaSha512]: 'SHA-512',
};
const ACCEPTED_DIGESTS = new Set<string>([ALG.sha256, ALG.sha512]);
/** RSA-SHA1 and SHA-1 digests: what the national exchange's packages carry; verified only under the legacy policy. */
const LEGACY_SIGNATURE_METHODS: Record<string, string> = { [ALG.rsaSha1]: 'sha1' };
const LEGACY_DIGESTS = new Set<string>([ALG.sha1]);
const SIGNATURE_METHOD_NAMES: Record<string, string> = {
  [ALG.rsaSha256]: 'RSA-SHA256',
  [ALG.rsaSha512]: 'RSA-SHA512',
  [ALG.rsaSha1]: 'RSA-SHA1',
};
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const QCVN = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
/** The note a report carries for a signature verified under the legacy policy. */
export const LEGACY_ALGORITHM = 'legacy algorithm';

/**
 * Which signature algorithms are verified (ADR 0017). SHA-1 is broken for collisions, but the
 * national exchange still signs RSA-SHA1 with inclusive C14N: refusing it refuses the country's
 * traffic. By default such a package is verified and its report says `legacy algorithm`; this
 * platform never signs with SHA-1 (signPackage is RSA-SHA256 only).
 */
export interface SignaturePolicy {
  acceptLegacySha1: boolean;
}
export const DEFAULT_SIGNATURE_POLICY: SignaturePolicy = { acceptLegacySha1: true };

const pemBody = (der: Uint8Array) => Buffer.from(der).toString('base64');

/**
 * Sign an edXML package with the agency seal: an enveloped XML-DSig over the whole document
 * (URI="", enveloped-signature + exclusive c14n, RSA-SHA256), placed last in `edXMLHeader`, with
 * the seal's certificate chain in KeyInfo. `xmlsec1 --verify` accepts it.
 */
export async function signPackage(xml: string, key: SigningKey): Promise<string> {
  if (!key.algorithm.startsWith('RSA')) throw new Error(`edXML seals are RSA; got ${key.algorithm}`);
  class PortSigner {
    getAlgorithmName() {
      return ALG.rsaSha256;
    }
    getSignature(signedInfo: string | Buffer, _k: unknown, cb?: (err: Error | null, v?: string) => void) {
      key.sign(Buffer.from(signedInfo), 'SHA-256').then(
        (s) => cb?.(null, Buffer.from(s).toString('base64')),
        (e: Error) => cb?.(e),
      );
    }
    verifySignature(): boolean {
      throw new Error('sign only');
    }
  }
  const sig = new SignedXml({
    // The key never leaves its store: SigningKey.sign() does the RSA operation.
    privateKey: 'held-by-the-signing-port',
    canonicalizationAlgorithm: ALG.excC14n,
    signatureAlgorithm: ALG.rsaSha256,
    getKeyInfoContent: () =>
      `<X509Data>${key.chain.map((c) => `<X509Certificate>${pemBody(c)}</X509Certificate>`).join('')}</X509Data>`,
  });
  sig.SignatureAlgorithms = { [ALG.rsaSha256]: PortSigner as never };
  sig.addReference({
    xpath: '/*',
    uri: '',
    isEmptyUri: true,
    transforms: [ALG.enveloped, ALG.excC14n],
    digestAlgorithm: ALG.sha256,
  });
  const header = "/*[local-name()='edXML']/*[local-name()='edXMLEnvelope']/*[local-name()='edXMLHeader']";
  await new Promise<void>((res, rej) =>
    sig.computeSignature(xml, { location: { reference: header, action: 'append' } }, (err) => (err ? rej(err) : res())),
  );
  return sig.getSignedXml();
}

/** The roots a validator trusts (the federation's trust list as this deployment knows it). */
export interface TrustRoots {
  roots(): Promise<Uint8Array[]>;
  now(): Date;
  /** Default: DEFAULT_SIGNATURE_POLICY. */
  policy?: SignaturePolicy;
  /** The category of a root (DER), shown in the report; default `government`. */
  categoryOf?(root: Uint8Array): NonNullable<SignatureReport['trustAnchor']>['category'];
}

function summary(c: X509Certificate): CertificateSummary {
  return {
    subject: c.subject,
    commonName: c.subjectName.getField('CN')[0] ?? null,
    issuer: c.issuer,
    serial: c.serialNumber,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    fingerprint: '',
  };
}

interface Verdict {
  indication: Indication;
  sub: SubIndication | null;
  messages: string[];
}

const fail = (sub: SubIndication, message: string): Verdict => ({
  indication: 'TOTAL_FAILED',
  sub,
  messages: [message],
});

function sigElements(xml: string) {
  return sigElementsOf(new DsigParser({ onError: () => undefined }).parseFromString(xml, 'text/xml'));
}

/** Signatures in XML-DSig's namespace, or in the QCVN one (real packages write `<Signature>` in the default namespace). */
function sigElementsOf(doc: ReturnType<DsigParser['parseFromString']>) {
  return {
    doc,
    sigs: [
      ...Array.from(doc.getElementsByTagNameNS(DS, 'Signature')),
      ...Array.from(doc.getElementsByTagNameNS(QCVN, 'Signature')),
    ],
  };
}

/** Descendants of a signature in its own namespace (XML-DSig's or the QCVN one). */
const inSig = (signature: Element, name: string) =>
  Array.from(signature.getElementsByTagNameNS(signature.namespaceURI ?? DS, name));

/** The signature method of a package's (first) signature: its URI, short name and whether it is legacy. */
export function signatureAlgorithm(doc: unknown): { uri: string; name: string; legacy: boolean } | null {
  const { sigs } = sigElementsOf(doc as ReturnType<typeof sigElements>['doc']);
  if (!sigs[0]) return null;
  const uri = inSig(sigs[0] as unknown as Element, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  return { uri, name: SIGNATURE_METHOD_NAMES[uri] ?? (uri || '(none)'), legacy: !!LEGACY_SIGNATURE_METHODS[uri] };
}

function checkProfile(signature: Element, policy: SignaturePolicy): Verdict | null {
  const q = (name: string) => inSig(signature, name);
  const method = q('SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  const legacyOk = policy.acceptLegacySha1;
  if (!ACCEPTED_SIGNATURE_METHODS[method] && !(legacyOk && LEGACY_SIGNATURE_METHODS[method]))
    return fail(
      'CRYPTO_CONSTRAINTS_FAILURE',
      `Signature method ${method || '(none)'} is not accepted; use RSA-SHA256 or stronger.`,
    );
  const refs = q('Reference');
  if (refs.length !== 1 || refs[0]!.getAttribute('URI') !== '')
    return fail('FORMAT_FAILURE', 'The signature must have exactly one reference, to the whole package (URI="").');
  const transforms = q('Transform').map((t) => t.getAttribute('Algorithm'));
  if (
    transforms[0] !== ALG.enveloped ||
    transforms.length > 2 ||
    (transforms[1] &&
      transforms[1] !== ALG.excC14n &&
      transforms[1] !== ALG.c14n &&
      transforms[1] !== ALG.excC14nAsWritten)
  ) {
    return fail(
      'FORMAT_FAILURE',
      'The reference must use the enveloped-signature transform followed by canonicalization only.',
    );
  }
  const digest = q('DigestMethod')[0]?.getAttribute('Algorithm') ?? '';
  if (!ACCEPTED_DIGESTS.has(digest) && !(legacyOk && LEGACY_DIGESTS.has(digest)))
    return fail('CRYPTO_CONSTRAINTS_FAILURE', `Digest ${digest || '(none)'} is not accepted; use SHA-256 or stronger.`);
  return null;
}

/** Parsed certificates by their base64 DER: a sender seals many packages with the same chain. */
const parsed = new Map<string, X509Certificate>();
function certOf(b64: string): X509Certificate {
  let c = parsed.get(b64);
  if (!c) {
    c = new X509Certificate(Buffer.from(b64, 'base64'));
    if (parsed.size >= 2000) parsed.clear();
    parsed.set(b64, c);
  }
  return c;
}
/** The public key of a (cached) certificate: node:crypto parses the DER again otherwise, for every package. */
const publicKeys = new WeakMap<X509Certificate, KeyObject>();
function publicKeyOf(c: X509Certificate): KeyObject {
  let k = publicKeys.get(c);
  if (!k) {
    k = new NodeX509(Buffer.from(c.rawData)).publicKey;
    publicKeys.set(c, k);
  }
  return k;
}
/** "child issuer" pairs (base64 DER) whose signature was checked: a certificate's signature never changes. */
const issuedBy = new Set<string>();

async function checkChain(
  chain: X509Certificate[],
  trust: TrustRoots,
): Promise<Verdict & { anchor: X509Certificate | null }> {
  const now = trust.now();
  const roots = (await trust.roots()).map((d) => certOf(Buffer.from(d).toString('base64')));
  for (const c of chain) {
    if (c.notBefore > now || c.notAfter < now)
      return {
        ...fail('OUT_OF_BOUNDS_NO_POE', `Certificate ${c.subject} is not valid at ${now.toISOString()}.`),
        anchor: null,
      };
  }
  // Walk up from the signer: each certificate must be signed by the next one, ending at a trusted root.
  const same = (a: X509Certificate, b: X509Certificate) => Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
  const signedBy = async (c: X509Certificate, issuer: X509Certificate) => {
    if (c.issuer !== issuer.subject) return false;
    const key = `${Buffer.from(c.rawData).toString('base64')} ${Buffer.from(issuer.rawData).toString('base64')}`;
    if (issuedBy.has(key)) return true;
    const ok = new NodeX509(Buffer.from(c.rawData)).verify(publicKeyOf(issuer));
    if (ok) {
      if (issuedBy.size >= 2000) issuedBy.clear();
      issuedBy.add(key);
    }
    return ok;
  };
  let cur = chain[0]!;
  for (let depth = 0; depth < 8; depth++) {
    const anchor = roots.find((r) => same(r, cur));
    if (anchor) return { indication: 'TOTAL_PASSED', sub: null, messages: [], anchor };
    let next: X509Certificate | null = null;
    for (const r of roots)
      if (await signedBy(cur, r)) return { indication: 'TOTAL_PASSED', sub: null, messages: [], anchor: r };
    for (const i of chain.slice(1)) if (!same(i, cur) && (await signedBy(cur, i))) next = i;
    if (!next) break;
    cur = next;
  }
  return {
    ...fail(
      'NO_CERTIFICATE_CHAIN_FOUND',
      "The seal certificate does not chain to a root in this deployment's trust list.",
    ),
    indication: 'INDETERMINATE',
    anchor: null,
  };
}

const DIGESTS: Record<string, string> = { [ALG.sha256]: 'sha256', [ALG.sha512]: 'sha512', [ALG.sha1]: 'sha1' };
/**
 * The seal's cryptography on the DOM already parsed (profile checked: one reference to the whole
 * document, enveloped + c14n, SHA-256/512, RSA): the digest of the document without its signature,
 * then the signature over the canonical SignedInfo. Parsing once instead of handing the text to
 * xml-crypto (which parses it again with its own xmldom) makes verification several times faster.
 */
function checkSignatureValue(doc: Document, signature: Element, cert: X509Certificate): 'ok' | 'digest' | 'signature' {
  const ns = signature.namespaceURI ?? DS;
  const q = (el: Element, name: string) => el.getElementsByTagNameNS(ns, name)[0] as Element | undefined;
  const ref = q(signature, 'Reference')!;
  const written =
    Array.from(ref.getElementsByTagNameNS(ns, 'Transform')).map((t) => t.getAttribute('Algorithm') ?? '')[1] ??
    ALG.c14n;
  const c14nAlg = written === ALG.excC14nAsWritten ? ALG.excC14n : written;
  const parent = signature.parentNode!;
  const next = signature.nextSibling;
  parent.removeChild(signature);
  let digest: string;
  try {
    // Hashed as it is canonicalized: the attachments' base64 is most of the package.
    const hash = createHash(DIGESTS[q(ref, 'DigestMethod')!.getAttribute('Algorithm')!]!);
    canonicalizeInto((chunk) => hash.update(chunk, 'utf8'), doc.documentElement, c14nAlg);
    digest = hash.digest('base64');
  } finally {
    parent.insertBefore(signature, next);
  }
  if (digest !== (q(ref, 'DigestValue')?.textContent ?? '').replace(/\s+/g, '')) return 'digest';
  const si = q(signature, 'SignedInfo')!;
  const siAlg = q(si, 'CanonicalizationMethod')?.getAttribute('Algorithm') ?? '';
  const method = q(si, 'SignatureMethod')!.getAttribute('Algorithm')!;
  const hash = LEGACY_SIGNATURE_METHODS[method] ?? ACCEPTED_SIGNATURE_METHODS[method]!.replace('-', '').toLowerCase();
  const value = Buffer.from((q(signature, 'SignatureValue')?.textContent ?? '').replace(/\s+/g, ''), 'base64');
  try {
    // An unsupported canonicalization throws: the signature does not verify.
    return nodeVerify(hash, Buffer.from(canonicalize(si, siAlg), 'utf8'), publicKeyOf(cert), value)
      ? 'ok'
      : 'signature';
  } catch {
    return 'signature';
  }
}

/** Validate the package's enveloped XML-DSig: profile, digest, signature value, and the chain to a trusted root. */
export async function verifyPackage(xml: string | { doc: unknown }, trust: TrustRoots): Promise<ValidationReport> {
  const validatedAt = trust.now().toISOString();
  let legacy: string | null = null;
  const report = (
    v: Verdict,
    chain: X509Certificate[] = [],
    anchor: X509Certificate | null = null,
    intact = false,
  ): ValidationReport => ({
    mediaType: 'application/xml',
    indication: v.indication,
    subIndication: v.sub,
    validatedAt,
    signatures: [
      {
        index: 0,
        format: 'XML-DSig',
        level: null,
        signer: chain[0] ? summary(chain[0]) : null,
        chain: chain.map(summary),
        trustAnchor: anchor
          ? {
              id: anchor.serialNumber,
              subject: anchor.subject,
              category: trust.categoryOf?.(new Uint8Array(anchor.rawData)) ?? 'government',
            }
          : null,
        claimedSigningTime: null,
        timestamp: null,
        revocation: null,
        intact,
        coversWholeDocument: true,
        modifiedAfterSigning: null,
        indication: v.indication,
        subIndication: v.sub,
        messages: legacy
          ? [...v.messages, `${LEGACY_ALGORITHM}: ${legacy} (accepted by policy for the national exchange's packages)`]
          : v.messages,
      },
    ],
  });
  const { doc, sigs } =
    typeof xml === 'string' ? sigElements(xml) : sigElementsOf(xml.doc as ReturnType<typeof sigElements>['doc']);
  if (sigs.length === 0)
    return {
      mediaType: 'application/xml',
      indication: 'INDETERMINATE',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
      signatures: [],
      validatedAt,
    };
  if (sigs.length > 1) return report(fail('FORMAT_FAILURE', 'A package carries exactly one signature.'));
  const signature = sigs[0] as unknown as Element;
  const profile = checkProfile(signature, trust.policy ?? DEFAULT_SIGNATURE_POLICY);
  if (profile) return report(profile);
  const alg = signatureAlgorithm(doc);
  if (alg?.legacy) legacy = alg.name;
  const certs = inSig(signature, 'X509Certificate').map((e) => (e.textContent ?? '').replace(/\s+/g, ''));
  let chain: X509Certificate[];
  try {
    chain = certs.map(certOf);
  } catch {
    return report(fail('FORMAT_FAILURE', 'KeyInfo holds a certificate that cannot be read.'));
  }
  if (chain.length === 0)
    return report({
      indication: 'INDETERMINATE',
      sub: 'NO_SIGNING_CERTIFICATE_FOUND',
      messages: ['KeyInfo carries no X509Certificate.'],
    });
  const check = checkSignatureValue(doc as unknown as Document, signature, chain[0]!);
  if (check !== 'ok') {
    return report(
      check === 'digest'
        ? fail(
            'HASH_FAILURE',
            'The package was changed after it was sealed (the digest of the signed content does not match).',
          )
        : fail('SIG_CRYPTO_FAILURE', 'The signature value does not verify with the seal certificate.'),
      chain,
    );
  }
  const c = await checkChain(chain, trust);
  return report(c, chain, c.anchor, true);
}
